using System.Threading.Channels;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// Group commit for the delivery claims, as <see cref="GroupCommitAuditLog"/> is for the audit records. Every command
/// claims its delivery, and a claim alone was a transaction of its own over three B-trees (the rows, the key's index,
/// the expiry index): about half of the file writes and locks a command cost (issue 19). One committer drains whatever
/// is queued into one transaction, so claims that arrive together share its pages, its lock and its commit; a claim
/// alone still gets a transaction of one. Claims of one key in one transaction run in the order they came, so the
/// first wins and the later ones read its owner, as they would in transactions of their own.
/// </summary>
/// <param name="commit">
/// Runs the claims in one transaction, in order, and returns their results in that order; throws if the transaction
/// did not commit.
/// </param>
internal sealed class ClaimGroupCommit(Func<IReadOnlyList<PendingClaim>, Task<IdempotencyClaim[]>> commit) : IDisposable
{
    /// <summary>Bounds one transaction's size, and so how long the claims at its head wait for those behind them.</summary>
    public const int MaxBatch = 64;

    private readonly Channel<PendingClaim> queue = Channel.CreateUnbounded<PendingClaim>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock startGate = new();
    private Task? committer;

    public Task<IdempotencyClaim> ClaimAsync(IdempotencyRows.Claim claim, bool prune, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingClaim(claim, prune);
        // Registered before it is queued: the committer may answer it at once, and answering unregisters.
        pending.CancelWith(cancellationToken);
        if (!queue.Writer.TryWrite(pending))
        {
            pending.Fail(new AuditStoreUnavailableException("the store is shutting down (claim key)"));
            return pending.Task;
        }

        EnsureCommitter();
        return pending.Task;
    }

    /// <summary>Lets the queued claims commit before the store underneath goes away.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        committer?.GetAwaiter().GetResult();
    }

    private void EnsureCommitter()
    {
        if (Volatile.Read(ref committer) is not null)
        {
            return;
        }

        lock (startGate)
        {
            committer ??= Task.Run(CommitLoopAsync);
        }
    }

    private async Task CommitLoopAsync()
    {
        var batch = new List<PendingClaim>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                if (next.TryTake())
                {
                    batch.Add(next);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
            }
        }
    }

    private async Task CommitAsync(List<PendingClaim> batch)
    {
        try
        {
            var results = await commit(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(results[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1 && StoreFailure.IsRecordRefused(ex))
        {
            // One key the store refuses as data fails its whole transaction; one by one, only its own caller hears it.
            // A store that is down is not retried: each claim would wait out the lock timeout again.
            foreach (var pending in batch)
            {
                await CommitAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Fail(ex);
            }
        }
    }
}
