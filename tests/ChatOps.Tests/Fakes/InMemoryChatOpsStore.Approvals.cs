using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;

namespace ChatOps.Tests.Fakes;

/// <summary>The approvals port: compare-and-set votes, as the real stores do.</summary>
public sealed partial class InMemoryChatOpsStore
{
    public Task CreateAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            var stored = approval with
            {
                CreatedAt = AuditChain.Normalize(approval.CreatedAt),
                ExpiresAt = AuditChain.Normalize(approval.ExpiresAt),
                Approvers = [.. approval.Approvers],
            };
            if (!_approvals.TryAdd(approval.Id, stored))
            {
                throw new InvalidOperationException($"Approval {approval.Id} already exists.");
            }
        }

        return Task.CompletedTask;
    }

    public Task<PendingApproval?> GetAsync(string id, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult(_approvals.GetValueOrDefault(id));
        }
    }

    public Task<VoteResult> VoteAsync(string id, string approverId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (!_approvals.TryGetValue(id, out var a))
            {
                return Task.FromResult(new VoteResult(VoteOutcome.NotFound, null));
            }

            if (a.Status == ApprovalStatus.Pending && now >= a.ExpiresAt)
            {
                _approvals[id] = a = a with { Status = ApprovalStatus.Expired };
                return Task.FromResult(new VoteResult(VoteOutcome.Expired, a));
            }

            if (a.Status != ApprovalStatus.Pending)
            {
                return Task.FromResult(new VoteResult(VoteOutcome.NotPending, a));
            }

            if (a.Approvers.Contains(approverId))
            {
                return Task.FromResult(new VoteResult(VoteOutcome.AlreadyVoted, a));
            }

            var approvers = a.Approvers.Append(approverId).ToList();
            var ready = approvers.Count >= a.RequiredApprovers;
            _approvals[id] = a = a with { Approvers = approvers, Status = ready ? ApprovalStatus.Executing : ApprovalStatus.Pending };
            return Task.FromResult(new VoteResult(ready ? VoteOutcome.ReadyToExecute : VoteOutcome.Recorded, a));
        }
    }

    public Task<bool> DenyAsync(string id, string deniedBy, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (!_approvals.TryGetValue(id, out var a) || a.Status != ApprovalStatus.Pending)
            {
                return Task.FromResult(false);
            }

            _approvals[id] = a with { Status = ApprovalStatus.Denied, DecidedBy = deniedBy, Reason = reason };
            return Task.FromResult(true);
        }
    }

    public Task CompleteAsync(string id, bool succeeded, string? error, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_approvals.TryGetValue(id, out var a) && a.Status == ApprovalStatus.Executing)
            {
                _approvals[id] = a with { Status = succeeded ? ApprovalStatus.Executed : ApprovalStatus.Failed, Reason = error };
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> CountPendingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult(_approvals.Values.Count(a => a.Status == ApprovalStatus.Pending && a.ExpiresAt > now));
        }
    }
}
