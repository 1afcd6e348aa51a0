namespace ChatOps.Bot.Features.Silences;

/// <summary>Alertmanager's silences and alerts, for one configured Alertmanager (by name). Failures are <see cref="PortFailure"/>.</summary>
public interface IAlertSilences
{
    /// <summary>The labels of every currently firing alert the matchers select (silenced or not).</summary>
    Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> FiringAsync(
        string alertmanager, IReadOnlyList<SilenceMatcher> matchers, CancellationToken cancellationToken);

    /// <summary>Creates the silence, or updates it when <see cref="SilenceDraft.Id"/> is set; answers its id.</summary>
    Task<string> SaveAsync(string alertmanager, SilenceDraft silence, CancellationToken cancellationToken);

    Task<IReadOnlyList<Silence>> ListAsync(string alertmanager, CancellationToken cancellationToken);

    /// <summary>Null when Alertmanager does not know the id.</summary>
    Task<Silence?> GetAsync(string alertmanager, string id, CancellationToken cancellationToken);

    /// <summary>False when Alertmanager does not know the id.</summary>
    Task<bool> ExpireAsync(string alertmanager, string id, CancellationToken cancellationToken);
}

/// <summary>What is sent; <see cref="Id"/> set means "update this one", which is how the v2 API extends a silence.</summary>
public sealed record SilenceDraft(
    IReadOnlyList<SilenceMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment, string? Id = null);

/// <summary>A silence as Alertmanager reports it; <see cref="State"/> is active, pending or expired.</summary>
public sealed record Silence(
    string Id, IReadOnlyList<SilenceMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment, string State)
{
    public bool IsExpired => string.Equals(State, "expired", StringComparison.Ordinal);
}
