using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Tests.Fakes;

/// <summary>The outbox port: leased claims in per-destination order, as the real stores do.</summary>
public sealed partial class InMemoryChatOpsStore
{
    /// <summary>
    /// Decides every candidate on the rows as they were before the claim, as the real stores' one UPDATE does, so a
    /// line this claim leases does not hold back the next line of its destination in the same claim.
    /// </summary>
    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string workerId, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        now = AuditChain.Normalize(now);
        lock (_gate)
        {
            var candidates = _outbox
                .Where(o => _outboxState[o.Id] is { Delivered: false } s && s.Due <= now && s.LeaseUntil <= now)
                .Where(o => !_outbox.Any(older => older.Id < o.Id && older.Message.Destination == o.Message.Destination
                    && _outboxState[older.Id] is { Delivered: false } os && (os.Due > now || os.LeaseUntil > now)))
                .OrderBy(o => o.Id)
                .Take(max)
                .ToList();
            IReadOnlyList<OutboxItem> claimed = candidates.Select(o =>
                {
                    var s = _outboxState[o.Id];
                    _outboxState[o.Id] = s with { Owner = workerId, LeaseUntil = now + lease };
                    return new OutboxItem(o.Id, o.Message.Destination, o.Message.Text, s.Attempts, o.Created);
                })
                .ToList();
            return Task.FromResult(claimed);
        }
    }

    /// <summary>Only the worker that still holds the lease may settle an item; a late worker's call changes nothing.</summary>
    public Task MarkDeliveredAsync(long id, string workerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_outboxState.TryGetValue(id, out var s) && s is { Delivered: false } && s.Owner == workerId)
            {
                _outboxState[id] = s with { Delivered = true, LeaseUntil = DateTimeOffset.MinValue };
            }
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(long id, string workerId, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_outboxState.TryGetValue(id, out var s) && s is { Delivered: false } && s.Owner == workerId)
            {
                _outboxState[id] = s with { Owner = null, LeaseUntil = DateTimeOffset.MinValue };
            }
        }

        return Task.CompletedTask;
    }

    public Task MarkFailedAsync(long id, string workerId, DateTimeOffset retryAt, string error, CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            if (_outboxState.TryGetValue(id, out var s) && s is { Delivered: false } && s.Owner == workerId)
            {
                _outboxState[id] = s with
                {
                    Attempts = s.Attempts + 1,
                    Due = AuditChain.Normalize(retryAt),
                    Owner = null,
                    LeaseUntil = DateTimeOffset.MinValue,
                };
            }
        }

        return Task.CompletedTask;
    }

    public Task<long> CountBacklogAsync(CancellationToken cancellationToken)
    {
        Throw();
        lock (_gate)
        {
            return Task.FromResult((long)_outboxState.Values.Count(s => !s.Delivered));
        }
    }
}
