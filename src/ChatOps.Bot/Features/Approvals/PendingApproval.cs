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
/// <see cref="Eligible"/> is the approval rule that asked for it, bound with <see cref="RequiredApprovers"/> when it was asked.
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
    string? Reason = null,
    ApproverSet? Eligible = null)
{
    /// <summary>Whether this approval, now executing, was given for exactly <paramref name="canonical"/> asked by <paramref name="subject"/>.</summary>
    public bool IsExecutingFor(string canonical, string subject) =>
        Status == ApprovalStatus.Executing
        && ApprovalHash.IsFor(RequestHash, canonical)
        && string.Equals($"{Platform}:{RequesterId}", subject, StringComparison.Ordinal);

    /// <summary>
    /// Each approver (<c>platform:id</c>) as a chat identity in <paramref name="context"/>, so the role they hold now can be
    /// checked again before the approved request runs.
    /// </summary>
    public IEnumerable<(string Approver, ChatContext Who)> ApproversIn(ChatContext context) => Approvers.Select(approver =>
    {
        var parts = approver.Split(':', 2);
        return (approver, context with { Platform = parts[0], UserId = parts.Length > 1 ? parts[1] : string.Empty, UserName = approver });
    });
}

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
