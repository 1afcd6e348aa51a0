using ChatOps.Bot.Diagnostics;
using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Bot.Features.Audit;

/// <summary>
/// Audit records that could not be written because the store was down, held in memory in arrival order and appended
/// in that order once the store answers again (see docs/decisions/0005). Every command reserves one slot before it
/// runs, so when the buffer is full the command is refused up front instead of running unaudited. Only records of
/// commands that changed nothing (read-only answers, fail-closed refusals) or whose write-ahead record is already
/// written (outcomes) are held: a mutating command whose write-ahead record fails is still refused. A record the
/// store refuses as data is not held, it is set aside as a poison marker, so one bad record never wedges the rest.
/// </summary>
public sealed class PendingAuditRecords(IAuditLog log, OutboxSignal outbox, IOptions<AuditOptions> options, ChatOpsMetrics metrics, ILogger<PendingAuditRecords> logger)
{
    /// <summary>Records per flush transaction, as in group commit.</summary>
    private const int GroupCommitLimit = 64;

    private readonly Lock _gate = new();
    private readonly Queue<HeldAppend> _held = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private int _reserved;
    private int _spare;

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

    /// <summary>
    /// Held records that wait because the store failed to take them; the busy refusals held by
    /// <see cref="TryHoldSpare"/> are not counted, they wait only for the next group write, not for a store.
    /// </summary>
    public int Stalled
    {
        get
        {
            lock (_gate)
            {
                return _held.Count - _spare;
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
            _held.Enqueue(new HeldAppend(append, Spare: false));
            metrics.AuditPendingRecords(_held.Count - _spare);
        }
    }

    /// <summary>
    /// Reserves a slot and holds <paramref name="append"/> in one step, for a record of a request that never ran (a
    /// busy refusal); false when fewer than <paramref name="keepFree"/> slots would remain. Those stay for the
    /// commands that are admitted, so a flood of refusals can never make the buffer refuse them.
    /// </summary>
    public bool TryHoldSpare(AuditAppend append, int keepFree)
    {
        lock (_gate)
        {
            if (_reserved + keepFree >= Limit)
            {
                return false;
            }

            _reserved++;
            _spare++;
            _held.Enqueue(new HeldAppend(append, Spare: true));
            return true;
        }
    }

    /// <summary>Appends the held records in order, in batches; true when none is left.</summary>
    public Task<bool> FlushAsync(CancellationToken cancellationToken) => FlushAsync(waitForTurn: true, cancellationToken);

    /// <summary>
    /// As <see cref="FlushAsync(CancellationToken)"/>; without <paramref name="waitForTurn"/> it answers at once while
    /// another caller is flushing, so that read-only commands do not queue behind a store that does not answer: false,
    /// unless all that is held are busy refusals (<see cref="TryHoldSpare"/>), which wait for no store.
    /// </summary>
    public async Task<bool> FlushAsync(bool waitForTurn, CancellationToken cancellationToken)
    {
        if (Held == 0)
        {
            return true;
        }

        if (!await _flushing.WaitAsync(waitForTurn ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken))
        {
            return Stalled == 0; // only busy refusals held: the store is fine, and they need not precede this record
        }

        try
        {
            // After a batch was refused, records go one at a time until the one the store refuses is found.
            var single = false;
            while (true)
            {
                List<AuditAppend> batch;
                lock (_gate)
                {
                    if (_held.Count == 0)
                    {
                        return true;
                    }

                    batch = _held.Take(single ? 1 : GroupCommitLimit).Select(h => h.Append).ToList();
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
                catch (AuditRecordRefusedException) when (batch.Count > 1)
                {
                    single = true;
                    continue;
                }
                catch (AuditRecordRefusedException ex)
                {
                    ReplaceHead(Poison(batch[0], ex));
                    single = false;
                    continue;
                }

                lock (_gate)
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        _spare -= _held.Dequeue().Spare ? 1 : 0;
                    }

                    _reserved -= batch.Count;
                    metrics.AuditPendingRecords(_held.Count - _spare);
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

    /// <summary>
    /// Sets aside a record the store refused (see <see cref="AuditPoison"/>): reports it and appends its marker in its
    /// place. True when the marker had to be held because the store went down meanwhile: the caller's slot is its.
    /// </summary>
    public async Task<bool> SetAsideAsync(AuditAppend refused, AuditRecordRefusedException reason)
    {
        if (Poison(refused, reason) is not { } marker)
        {
            return false;
        }

        try
        {
            await log.AppendAsync(marker.Record, marker.Outbox, CancellationToken.None);
            outbox.Notify();
            return false;
        }
        catch (AuditStoreUnavailableException)
        {
            Hold(marker);
            return true;
        }
        catch (AuditRecordRefusedException ex)
        {
            logger.LogError("The audit store refused even the poison marker of request {RequestId}: {Reason}", marker.Record.RequestId, ex.Message);
            return false;
        }
    }

    /// <summary>The marker for a refused record, or null when the refused record already was a marker.</summary>
    private AuditAppend? Poison(AuditAppend refused, AuditRecordRefusedException reason)
    {
        metrics.AuditPoisonRecordSetAside();
        var record = refused.Record;
        if (AuditPoison.IsMarker(record))
        {
            logger.LogError("The audit store refused even the poison marker of request {RequestId}: {Reason}", record.RequestId, reason.Message);
            return null;
        }

        logger.LogError(
            "The audit store refused the record of request {RequestId} ({Outcome}); it is set aside as a poison marker: {Reason}",
            AuditText.Ascii(record.RequestId, 128), record.Outcome, reason.Message);
        return AuditPoison.Marker(refused, reason.Message);
    }

    /// <summary>Puts <paramref name="marker"/> in place of the oldest held record, or drops that record's slot.</summary>
    private void ReplaceHead(AuditAppend? marker)
    {
        lock (_gate)
        {
            var head = _held.Peek();
            var rest = _held.Skip(1).ToList();
            _held.Clear();
            if (marker is null)
            {
                _reserved--;
                _spare -= head.Spare ? 1 : 0;
            }
            else
            {
                _held.Enqueue(head with { Append = marker });
            }

            foreach (var append in rest)
            {
                _held.Enqueue(append);
            }

            metrics.AuditPendingRecords(_held.Count - _spare);
        }
    }

    /// <summary>A held record, and whether it is a busy refusal's (held by choice, not because the store failed).</summary>
    private readonly record struct HeldAppend(AuditAppend Append, bool Spare);
}
