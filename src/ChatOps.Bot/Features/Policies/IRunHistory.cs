namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// What really ran, from the audit log every replica shares: the facts a rate rule counts. Only requests whose
/// newest record says they were allowed and reached their handler (succeeded or failed) count; refusals,
/// invalid lines and requests waiting for approval changed nothing.
/// </summary>
public interface IRunHistory
{
    /// <summary>Runs on <paramref name="target"/> (any namespace of it) at or after <paramref name="since"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<PastRun>> RunsAsync(string target, DateTimeOffset since, int max, CancellationToken cancellationToken);
}

/// <summary>One run: when, its canonical command line and the scope it acted on (<c>cluster</c> or <c>cluster/namespace</c>).</summary>
public sealed record PastRun(DateTimeOffset At, string Canonical, string Scope);
