namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// One delivery claim waiting for its group's transaction. It is either taken into a transaction or cancelled, never
/// both: a caller that gave up before its claim was taken leaves no claim behind (a delivery claimed but never run
/// would make its redelivery answer "already handled"), and one whose claim was taken gets that claim's result.
/// </summary>
internal sealed class PendingClaim(IdempotencyRows.Claim claim, bool prune, CancellationToken cancellationToken)
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private readonly TaskCompletionSource<IdempotencyClaim> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int state;

    public IdempotencyRows.Claim Claim => claim;

    /// <summary>Whether this claim prunes expired keys first (one claim in so many does).</summary>
    public bool Prune => prune;

    public Task<IdempotencyClaim> Result => done.Task;

    /// <summary>True when the claim is now the committer's to run; false when its caller cancelled it first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref state, Taken, Queued) == Queued;

    /// <summary>Cancels the claim unless a transaction has taken it already.</summary>
    public void TryCancel()
    {
        if (Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued)
        {
            done.TrySetCanceled(cancellationToken);
        }
    }

    public void Complete(IdempotencyClaim result) => done.TrySetResult(result);

    public void Fail(Exception exception) => done.TrySetException(exception);
}
