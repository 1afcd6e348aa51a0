using ChatOps.Bot.Operations.Approvals;

namespace ChatOps.Bot.Infrastructure.Storage;

internal enum VoteStep
{
    Expire,
    NotPending,
    AlreadyVoted,
    Record,
    RecordAndExecute,
}

/// <summary>
/// The vote rules, shared so both stores decide identically. Callers evaluate this on a row they hold locked
/// (or under the single SQLite writer), which is what makes the transition a compare-and-set.
/// </summary>
internal static class ApprovalVoting
{
    public static VoteStep Decide(PendingApproval current, string approverId, DateTimeOffset now)
    {
        if (current.Status == ApprovalStatus.Pending && now >= current.ExpiresAt)
        {
            return VoteStep.Expire;
        }

        if (current.Status != ApprovalStatus.Pending)
        {
            return VoteStep.NotPending;
        }

        if (current.Approvers.Contains(approverId, StringComparer.Ordinal))
        {
            return VoteStep.AlreadyVoted;
        }

        return current.Approvers.Count + 1 >= current.RequiredApprovers ? VoteStep.RecordAndExecute : VoteStep.Record;
    }

    public static VoteResult Result(VoteStep step, PendingApproval current, string approverId) => step switch
    {
        VoteStep.Expire => new VoteResult(VoteOutcome.Expired, current with { Status = ApprovalStatus.Expired }),
        VoteStep.NotPending => new VoteResult(VoteOutcome.NotPending, current),
        VoteStep.AlreadyVoted => new VoteResult(VoteOutcome.AlreadyVoted, current),
        VoteStep.Record => new VoteResult(VoteOutcome.Recorded, current with { Approvers = [.. current.Approvers, approverId] }),
        VoteStep.RecordAndExecute => new VoteResult(
            VoteOutcome.ReadyToExecute,
            current with { Status = ApprovalStatus.Executing, Approvers = [.. current.Approvers, approverId] }),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };
}
