namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// One delivery claim waiting for its group's transaction, and its caller's result. It is either taken into a
/// transaction or cancelled, never both: a caller that gave up before its claim was taken leaves no claim behind (a
/// delivery claimed but never run would make its redelivery answer "already handled"), and one whose claim was taken
/// gets that claim's result. It is its own completion source: one object per claim, not two.
/// </summary>
internal sealed class PendingClaim(IdempotencyRows.Claim claim, bool prune)
    : TaskCompletionSource<IdempotencyClaim>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private int state;
    private CancellationToken cancellationToken;
    private CancellationTokenRegistration registration;

    public IdempotencyRows.Claim Claim => claim;

    /// <summary>Whether this claim prunes expired keys first (one claim in so many does).</summary>
    public bool Prune => prune;

    /// <summary>Cancels the claim when <paramref name="token"/> is, unless a transaction has taken it by then.</summary>
    public void CancelWith(CancellationToken token)
    {
        cancellationToken = token;
        registration = token.UnsafeRegister(static p => ((PendingClaim)p!).TryCancel(), this);
    }

    /// <summary>True when the claim is now the committer's to run; false when its caller cancelled it first.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref state, Taken, Queued) == Queued;

    /// <summary>Cancels the claim unless a transaction has taken it already.</summary>
    public void TryCancel()
    {
        if (Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued)
        {
            TrySetCanceled(cancellationToken);
        }
    }

    public void Complete(IdempotencyClaim result)
    {
        registration.Unregister();
        TrySetResult(result);
    }

    public void Fail(Exception exception)
    {
        registration.Unregister();
        TrySetException(exception);
    }
}
