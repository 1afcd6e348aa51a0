namespace ChatOps.Bot.Features.Approvals;

public enum ApprovalStatus
{
    Pending,
    Executing,
    Executed,
    Failed,
    Denied,
    Expired,
}

/// <summary>
/// A dangerous request waiting for a second person. <see cref="RequestHash"/> is the SHA-256 of
/// <see cref="CanonicalCommand"/>; the request is rebuilt from that text and checked against the hash before it runs.
/// </summary>
public sealed record PendingApproval(
    string Id,
    string RequestHash,
    string CanonicalCommand,
    string RawText,
    string Platform,
    string RequesterId,
    string RequesterName,
    string ChannelId,
    string? ThreadId,
    string RequestCorrelationId,
    Role RequiredRole,
    string? Target,
    string? Namespace,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int RequiredApprovers,
    ApprovalStatus Status,
    IReadOnlyList<string> Approvers,
    string? DecidedBy = null,
    string? Reason = null);

public enum VoteOutcome
{
    /// <summary>Counted; more approvers are still needed.</summary>
    Recorded,

    /// <summary>This vote completed the quorum and moved the approval to Executing: the caller runs it, once.</summary>
    ReadyToExecute,
    AlreadyVoted,
    NotFound,
    Expired,
    NotPending,
}

public sealed record VoteResult(VoteOutcome Outcome, PendingApproval? Approval);
