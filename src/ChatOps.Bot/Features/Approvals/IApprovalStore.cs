namespace ChatOps.Bot.Features.Approvals;

/// <summary>
/// Pending approvals live in the audit store so any replica can finish them. Every state change is a
/// compare-and-set on the status, so two replicas (or a double click) can never both execute one approval.
/// </summary>
public interface IApprovalStore
{
    Task CreateAsync(PendingApproval approval, CancellationToken cancellationToken);

    Task<PendingApproval?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="approverId"/>'s vote if the approval is Pending and unexpired at <paramref name="now"/>.
    /// The vote that reaches the quorum atomically moves it to Executing and gets <see cref="VoteOutcome.ReadyToExecute"/>.
    /// An approval found past its expiry is moved to Expired.
    /// </summary>
    Task<VoteResult> VoteAsync(string id, string approverId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Pending → Denied. False when it was no longer pending.</summary>
    Task<bool> DenyAsync(string id, string deniedBy, string? reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Executing → Executed or Failed.</summary>
    Task CompleteAsync(string id, bool succeeded, string? error, CancellationToken cancellationToken);

    Task<int> CountPendingAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
