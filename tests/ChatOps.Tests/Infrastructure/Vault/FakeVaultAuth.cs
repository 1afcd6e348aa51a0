using System.Net;
using ChatOps.Bot.Infrastructure.Vault;

namespace ChatOps.Tests.Infrastructure.Vault;

/// <summary>Hands out numbered tokens; tests script what renew-self answers.</summary>
internal sealed class FakeVaultAuth(bool canLogInAgain = true) : IVaultAuth
{
    public bool CanLogInAgain => canLogInAgain;

    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(90);

    public bool Renewable { get; set; } = true;

    /// <summary>What the next renew-self answers; null renews for the increment asked.</summary>
    public Func<TimeSpan, VaultLease>? NextRenewal { get; set; }

    public List<string> Calls { get; } = [];

    public List<TimeSpan> Increments { get; } = [];

    public int LogIns => Calls.Count(c => c == "login");

    public string Current { get; private set; } = string.Empty;

    public static VaultException Refused() => new("Vault denied access to auth/token/renew-self (403: permission denied)", "auth/token/renew-self", HttpStatusCode.Forbidden);

    public static VaultException Sealed() => new("Vault is sealed or unavailable for auth/token/renew-self (503)", "auth/token/renew-self", HttpStatusCode.ServiceUnavailable);

    public Task<VaultLease> LogInAsync(CancellationToken cancellationToken)
    {
        Calls.Add("login");
        Current = $"t{LogIns}";
        return Task.FromResult(new VaultLease(Current, Lease, Renewable));
    }

    public Task<VaultLease> RenewSelfAsync(string token, TimeSpan increment, CancellationToken cancellationToken)
    {
        Calls.Add("renew:" + token);
        Increments.Add(increment);
        var next = NextRenewal;
        NextRenewal = null;
        return Task.FromResult(next?.Invoke(increment) ?? new VaultLease(token, increment, true));
    }
}
