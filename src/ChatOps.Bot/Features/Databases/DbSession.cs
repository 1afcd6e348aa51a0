namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// One row of <c>pg_stat_activity</c> as the handlers need it. Times are UTC with PostgreSQL's microsecond precision,
/// so they round-trip exactly through a <see cref="SessionKey"/>.
/// </summary>
public sealed record DbSession(int Pid, string User, string BackendType)
{
    /// <summary>The PostgreSQL database the session is connected to (null for some background processes).</summary>
    public string? Database { get; init; }

    /// <summary>Connected to the target's own database (the one its connection string names).</summary>
    public bool OnTarget { get; init; }

    public string Application { get; init; } = string.Empty;

    /// <summary>Null for a Unix-socket connection.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>Null when the bot's role may not see it (it lacks pg_read_all_stats).</summary>
    public string? State { get; init; }

    public DateTime? BackendStart { get; init; }

    public DateTime? TransactionStart { get; init; }

    public DateTime? QueryStart { get; init; }

    public DateTime? StateChange { get; init; }

    public string? WaitEventType { get; init; }

    public string? WaitEvent { get; init; }

    public string Query { get; init; } = string.Empty;

    /// <summary>How long the query has run (active), the transaction has been open (idle in transaction) or the session has been idle.</summary>
    public TimeSpan? Duration { get; init; }

    public bool IsSuperuser { get; init; }

    /// <summary>A connection of the bot itself (its own backend, or its pool under the bot's user and application name).</summary>
    public bool IsBot { get; init; }

    /// <summary>The bot's role holds the privileges of this session's role or of pg_signal_backend.</summary>
    public bool MaySignal { get; init; }

    public const string ClientBackend = "client backend";

    public bool IsClientBackend => string.Equals(BackendType, ClientBackend, StringComparison.Ordinal);

    /// <summary>What <c>db queries</c> shows and <c>db kill</c> takes: pid and a hash of the backend start.</summary>
    public SessionTag? Tag => BackendStart is { } started ? SessionTag.Of(Pid, started) : null;

    public SessionKey? Key => BackendStart is { } started ? new SessionKey(Pid, started, QueryStart) : null;
}
