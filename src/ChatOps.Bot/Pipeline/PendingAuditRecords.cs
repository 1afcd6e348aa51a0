using ChatOps.Bot.Configuration;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Operations.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Pipeline;

/// <summary>
/// Audit records that could not be written because the store was down, held in memory in arrival order and appended
/// in that order once the store answers again (see docs/decisions/0005). Every command reserves one slot before it
/// runs, so when the buffer is full the command is refused up front instead of running unaudited. Only records of
/// commands that changed nothing (read-only answers, fail-closed refusals) or whose write-ahead record is already
/// written (outcomes) are held: a mutating command whose write-ahead record fails is still refused.
/// </summary>
public sealed class PendingAuditRecords(IAuditLog log, OutboxSignal outbox, IOptions<AuditOptions> options, ILogger<PendingAuditRecords> logger)
{
    /// <summary>Records per flush transaction, as in group commit.</summary>
    private const int GroupCommitLimit = 64;

    private readonly Lock _gate = new();
    private readonly Queue<AuditAppend> _held = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private int _reserved;

    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    public int Limit => options.Value.PendingLimit;

    /// <summary>Claims room for one record; false when the buffer is full. Pair with <see cref="Release"/> or <see cref="Hold"/>.</summary>
    public bool TryReserve()
    {
        lock (_gate)
        {
            if (_reserved >= Limit)
            {
                return false;
            }

            _reserved++;
            return true;
        }
    }

    /// <summary>The reserved record was written: the slot is free again.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _reserved--;
        }
    }

    /// <summary>Keeps the reserved slot for <paramref name="append"/> until <see cref="FlushAsync"/> writes it.</summary>
    public void Hold(AuditAppend append)
    {
        lock (_gate)
        {
            _held.Enqueue(append);
            BotMetrics.AuditPending.Set(_held.Count);
        }
    }

    /// <summary>Appends the held records in order, in batches; true when none is left.</summary>
    public Task<bool> FlushAsync(CancellationToken cancellationToken) => FlushAsync(waitForTurn: true, cancellationToken);

    /// <summary>
    /// As <see cref="FlushAsync(CancellationToken)"/>; without <paramref name="waitForTurn"/> it answers false at once
    /// while another caller is flushing, so that read-only commands do not queue behind a store that does not answer.
    /// </summary>
    public async Task<bool> FlushAsync(bool waitForTurn, CancellationToken cancellationToken)
    {
        if (Held == 0)
        {
            return true;
        }

        if (!await _flushing.WaitAsync(waitForTurn ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken))
        {
            return false;
        }

        try
        {
            while (true)
            {
                List<AuditAppend> batch;
                lock (_gate)
                {
                    if (_held.Count == 0)
                    {
                        return true;
                    }

                    batch = _held.Take(GroupCommitLimit).ToList();
                }

                try
                {
                    // Not the caller's token: a batch that reached the store must not be half-acknowledged here.
                    await log.AppendBatchAsync(batch, CancellationToken.None);
                }
                catch (AuditStoreUnavailableException ex)
                {
                    logger.LogWarning("{Count} held audit record(s) still cannot be written: {Reason}", Held, ex.Message);
                    return false;
                }

                lock (_gate)
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        _held.Dequeue();
                    }

                    _reserved -= batch.Count;
                    BotMetrics.AuditPending.Set(_held.Count);
                }

                outbox.Notify();
                logger.LogInformation("Appended {Count} held audit record(s)", batch.Count);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }
}
