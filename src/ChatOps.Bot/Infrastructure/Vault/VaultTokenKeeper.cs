namespace ChatOps.Bot.Infrastructure.Vault;

public enum VaultRenewal
{
    /// <summary>Nothing was due, or there is nothing that can be done (a configured token that does not renew).</summary>
    NotDue,
    Renewed,
    LoggedIn,
}

/// <summary>
/// Holds the bot's Vault token and decides when to act: renew-self at two thirds of the lease, log in again when
/// renewal is refused, when the token is not renewable, or when Vault stops extending it (its max TTL is near).
/// A failed attempt while the token still lives is retried soon; the caller owns the waiting, so tests move a clock.
/// </summary>
public sealed class VaultTokenKeeper(IVaultAuth auth, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinRetryDelay = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private VaultLease? _lease;
    private DateTimeOffset _expiresAt;
    private TimeSpan _loginDuration;

    /// <summary>When <see cref="RenewIfDueAsync"/> next has work; null when never (no lease yet, or it never expires).</summary>
    public DateTimeOffset? RenewAt { get; private set; }

    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_lease is null || (auth.CanLogInAgain && Expired(clock.GetUtcNow())))
            {
                Accept(await auth.LogInAsync(cancellationToken), login: true);
            }

            return _lease!.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Vault refused this token (revoked, expired early): the next <see cref="TokenAsync"/> logs in again.</summary>
    public bool Forget(string token)
    {
        if (!auth.CanLogInAgain || _lease?.Token != token)
        {
            return false;
        }

        _lease = null;
        RenewAt = null;
        return true;
    }

    public async Task<VaultRenewal> RenewIfDueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (_lease is null || RenewAt is not { } due || now < due)
            {
                return VaultRenewal.NotDue;
            }

            // If anything below throws, this is when to try again.
            RenewAt = now + RetryDelay(now);
            if (!_lease.Renewable)
            {
                return await LogInAgainAsync(cancellationToken);
            }

            VaultLease renewed;
            try
            {
                renewed = await auth.RenewSelfAsync(_lease.Token, _loginDuration, cancellationToken);
            }
            catch (VaultException ex) when (ex.IsRefusal)
            {
                if (auth.CanLogInAgain)
                {
                    return await LogInAgainAsync(cancellationToken);
                }

                RenewAt = null;
                throw;
            }

            if (auth.CanLogInAgain && renewed.Duration < _loginDuration / 3)
            {
                // Renewal no longer buys a useful lease: the token is near its max TTL.
                return await LogInAgainAsync(cancellationToken);
            }

            Accept(renewed, login: false);
            return VaultRenewal.Renewed;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<VaultRenewal> LogInAgainAsync(CancellationToken cancellationToken)
    {
        if (!auth.CanLogInAgain)
        {
            RenewAt = null;
            return VaultRenewal.NotDue;
        }

        Accept(await auth.LogInAsync(cancellationToken), login: true);
        return VaultRenewal.LoggedIn;
    }

    private void Accept(VaultLease lease, bool login)
    {
        var now = clock.GetUtcNow();
        _lease = lease;
        _expiresAt = now + lease.Duration;
        if (login || _loginDuration == TimeSpan.Zero)
        {
            _loginDuration = lease.Duration;
        }

        var actionable = lease.Duration > TimeSpan.Zero && (lease.Renewable || auth.CanLogInAgain);
        RenewAt = actionable ? now + (lease.Duration * 2 / 3) : null;
    }

    private bool Expired(DateTimeOffset now) => _lease is { Duration.Ticks: > 0 } && now >= _expiresAt;

    private TimeSpan RetryDelay(DateTimeOffset now)
    {
        var half = (_expiresAt - now) / 2;
        return half < MinRetryDelay ? MinRetryDelay : half > MaxRetryDelay ? MaxRetryDelay : half;
    }
}
