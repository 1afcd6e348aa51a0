namespace ChatOps.Bot.Infrastructure.Vault;

/// <summary>A Vault token and its lease. <see cref="Duration"/> zero means it never expires (a root token).</summary>
public sealed record VaultLease(string Token, TimeSpan Duration, bool Renewable)
{
    /// <summary>Only the lease, so a lease in a log line or an assertion message never shows the token.</summary>
    public override string ToString() => $"lease {Duration} renewable={Renewable}";
}
