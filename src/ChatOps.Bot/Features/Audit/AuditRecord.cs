namespace ChatOps.Bot.Features.Audit;

public enum AuditDecision
{
    Allowed,
    Denied,
    Invalid,
    AwaitingApproval,

    /// <summary>
    /// The write-ahead record of a mutating request, written before authorization runs: nothing is decided yet.
    /// Appended last so that stored names and positions of the others keep their meaning.
    /// </summary>
    Pending,
}

public enum AuditOutcome
{
    /// <summary>Written before a mutating request acts; if nothing follows, the outcome is unknown.</summary>
    Started,
    Succeeded,
    Failed,
    NotRun,

    /// <summary>
    /// Appended by the orphan sweep for a <see cref="Started"/> request the process never finished (it was killed or
    /// crashed): whether the change happened is unknown and must be checked on the target.
    /// </summary>
    Unknown,
}

/// <summary>
/// One request as the audit sees it. A mutating request is appended twice under the same <see cref="RequestId"/>:
/// once <see cref="AuditOutcome.Started"/> before it acts, once with its outcome; the newest entry is its state.
/// </summary>
public sealed record AuditRecord(
    string RequestId,
    DateTimeOffset At,
    string Platform,
    string UserId,
    string UserName,
    string ChannelId,
    string RawText,
    string ParsedRequest,
    string? Target,
    AuditDecision Decision,
    string? Approver,
    AuditOutcome Outcome,
    string? Error,
    long DurationMs,
    string CorrelationId)
{
    /// <summary>
    /// The break-glass elevation that authorized this request (its id), when only an elevation gave the role it
    /// needed; null otherwise. Hashed only when set, so records written before it existed still verify.
    /// </summary>
    public string? BreakGlass { get; init; }
}

/// <summary>A record as stored in the hash chain.</summary>
public sealed record AuditEntry(long Sequence, AuditRecord Record, string PreviousHash, string Hash)
{
    /// <summary>The chain key the hash was made with; null for a legacy record hashed with plain SHA-256.</summary>
    public string? KeyId { get; init; }
}
