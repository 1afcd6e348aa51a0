namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// What the database handlers need from a PostgreSQL target, by the name users type (<c>--db coredb</c>).
/// Implementations read <c>pg_stat_activity</c> and signal backends; handlers never see the driver. A target that
/// cannot be reached or answers with an error throws <see cref="PortFailure"/>, never holding the connection string.
/// </summary>
public interface IDatabaseOperations
{
    /// <summary>Client backends of the database, except the bot's own, matching <paramref name="filter"/>, longest first.</summary>
    Task<SessionList> ListSessionsAsync(string database, SessionFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// The backends with these pids, whatever their type or database, so a refusal can say what a pid really is.
    /// Pids that are not running are simply absent.
    /// </summary>
    Task<SessionLookup> FindSessionsAsync(string database, IReadOnlyCollection<int> pids, CancellationToken cancellationToken);

    /// <summary>
    /// Signals each session only if a client backend of the database still has the same pid, backend start and
    /// query start (checked by the server in the signalling statement itself), then waits a bounded time for the
    /// query (cancel) or the session (terminate) to end. One result per key, in order.
    /// </summary>
    Task<IReadOnlyList<SignalResult>> SignalAsync(
        string database, IReadOnlyList<SessionKey> sessions, SessionSignal signal, CancellationToken cancellationToken);
}

public enum SessionSignal
{
    /// <summary><c>pg_cancel_backend</c>: stops the running query, the session lives on.</summary>
    Cancel,

    /// <summary><c>pg_terminate_backend</c>: ends the session.</summary>
    Terminate,
}

/// <summary>
/// <paramref name="States"/> are pg_stat_activity states (<c>active</c>, <c>idle in transaction</c>, ...); null means all.
/// <paramref name="MinDuration"/> applies to <see cref="DbSession.Duration"/>.
/// </summary>
public sealed record SessionFilter(IReadOnlyList<string>? States, TimeSpan? MinDuration, int Limit);

/// <summary>The bot's own database role, which decides what PostgreSQL lets it signal.</summary>
public sealed record DatabaseRole(string User, bool IsSuperuser);

/// <param name="Sessions">At most the filter's limit, longest first.</param>
/// <param name="Matching">How many sessions matched before the limit.</param>
/// <param name="StateCounts">Client sessions per state, whatever the filter, so the answer can say what it left out.</param>
public sealed record SessionList(IReadOnlyList<DbSession> Sessions, int Matching, IReadOnlyDictionary<string, int> StateCounts, DatabaseRole Bot);

public sealed record SessionLookup(IReadOnlyList<DbSession> Sessions, DatabaseRole Bot);

public enum SignalOutcome
{
    /// <summary>Signalled, and the query (cancel) or session (terminate) ended within the wait.</summary>
    Ended,

    /// <summary>Signalled, but still running when the wait ran out.</summary>
    StillRunning,

    /// <summary>No client backend has this pid, backend start and query start any more: nothing was signalled.</summary>
    AlreadyGone,

    /// <summary>PostgreSQL refused the signal (SQLSTATE 42501); <see cref="SignalResult.Detail"/> has its message.</summary>
    PermissionDenied,
}

public sealed record SignalResult(SessionKey Session, SignalOutcome Outcome, string? Detail = null);
