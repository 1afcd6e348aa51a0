namespace ChatOps.Bot.Infrastructure.Vault;

/// <summary>How the bot gets and keeps a Vault token; the timing of it lives in <see cref="VaultTokenKeeper"/>.</summary>
public interface IVaultAuth
{
    /// <summary>False for a configured token: "logging in" again only looks the same token up.</summary>
    bool CanLogInAgain { get; }

    Task<VaultLease> LogInAsync(CancellationToken cancellationToken);

    Task<VaultLease> RenewSelfAsync(string token, TimeSpan increment, CancellationToken cancellationToken);
}
