using System.Threading.Channels;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// Group commit for the audit chain. Appends are serialized by nature (one chain), and each used to pay for its own
/// transaction and fsync. Here one writer drains whatever is queued into a single batch transaction while the
/// previous one commits, so under load many requests share a commit; alone, a request still gets a batch of one.
/// Every caller awaits its own entry, so "written before it acts" still holds; if the batch fails, each caller
/// gets the failure and refuses, exactly as before; a batch refused because of one record's data is retried one by one.
/// </summary>
public sealed class GroupCommitAuditLog(IAuditLog inner) : IAuditLog, IAsyncDisposable, IDisposable
{
    /// <summary>Bounds one transaction's size and the time the head of a batch waits for the rest.</summary>
    public const int MaxBatch = 64;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startGate = new();
    private Task? _writer;

    public Task<AuditEntry> AppendAsync(AuditRecord record, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        var pending = new Pending(new AuditAppend(record, outbox), new TaskCompletionSource<AuditEntry>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new AuditStoreUnavailableException("the audit log is shutting down");
        }

        EnsureWriter();
        return pending.Done.Task;
    }

    public Task<IReadOnlyList<AuditEntry>> AppendBatchAsync(IReadOnlyList<AuditAppend> appends, CancellationToken cancellationToken) =>
        inner.AppendBatchAsync(appends, cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken) =>
        inner.QueryAsync(query, cancellationToken);

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) => inner.VerifyAsync(cancellationToken);

    public Task<AuditEntry?> HeadAsync(CancellationToken cancellationToken) => inner.HeadAsync(cancellationToken);

    public Task<AuditEntry?> EntryAsync(long sequence, CancellationToken cancellationToken) => inner.EntryAsync(sequence, cancellationToken);

    /// <summary>Lets queued appends finish before the store underneath is disposed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is { } writer)
        {
            await writer;
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void EnsureWriter()
    {
        if (_writer is not null)
        {
            return;
        }

        lock (_startGate)
        {
            _writer ??= Task.Run(WriteLoopAsync);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                // Not a caller's token: once queued, a record is written even if its caller has gone.
                var entries = await inner.AppendBatchAsync(batch.ConvertAll(p => p.Append), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(entries[i]);
                }
            }
            catch (AuditRecordRefusedException) when (batch.Count > 1)
            {
                await AppendOneByOneAsync(batch);
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>
    /// One record refused as data fails its whole batch; written one by one, only its own caller gets the refusal and
    /// the others are written as if they had come alone.
    /// </summary>
    private async Task AppendOneByOneAsync(List<Pending> batch)
    {
        foreach (var pending in batch)
        {
            try
            {
                var entries = await inner.AppendBatchAsync([pending.Append], CancellationToken.None);
                pending.Done.TrySetResult(entries[0]);
            }
            catch (Exception ex)
            {
                pending.Done.TrySetException(ex);
            }
        }
    }

    private sealed record Pending(AuditAppend Append, TaskCompletionSource<AuditEntry> Done);
}
