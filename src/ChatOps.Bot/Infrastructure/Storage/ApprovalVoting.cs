using System.Data.Common;

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
    /// <summary>
    /// Decides and applies one vote inside the caller's transaction, on an approval the caller holds exclusively.
    /// The status change is still a compare-and-set on Pending; a miss means the exclusivity was broken, and failing
    /// beats handing out a second ReadyToExecute.
    /// </summary>
    public static async Task<VoteResult> ApplyAsync(
        DbConnection connection, DbTransaction transaction, PendingApproval current, string approverId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var step = Decide(current, approverId, now);
        if (step is VoteStep.Record or VoteStep.RecordAndExecute)
        {
            await ApprovalRows.InsertVoteAsync(connection, transaction, current.Id, approverId, now, cancellationToken);
        }

        var moveTo = step switch
        {
            VoteStep.Expire => ApprovalStatus.Expired,
            VoteStep.RecordAndExecute => ApprovalStatus.Executing,
            _ => (ApprovalStatus?)null,
        };
        if (moveTo is { } status)
        {
            await using var update = DbValues.Command(connection, transaction, ApprovalRows.SetStatusSql);
            update.Add("@id", current.Id);
            update.Add("@status", status.ToString());
            update.Add("@expected", nameof(ApprovalStatus.Pending));
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new InvalidOperationException($"Approval {current.Id} changed status while held for a vote.");
            }
        }

        return Result(step, current, approverId);
    }

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
