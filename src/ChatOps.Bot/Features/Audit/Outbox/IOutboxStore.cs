namespace ChatOps.Bot.Features.Audit.Outbox;

public sealed record OutboxItem(long Id, string Destination, string Text, int Attempts, DateTimeOffset CreatedAt);

/// <summary>Delivery side of the outbox that <see cref="IAuditLog.AppendAsync"/> fills.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Leases up to <paramref name="max"/> undelivered items that are due, so no other worker (or replica)
    /// takes them until <paramref name="lease"/> has passed. Each destination gets its lines in the order they were
    /// written: an item is only claimable while no older undelivered item of its destination is waiting for a retry
    /// or leased by another worker.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string workerId, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(long id, string workerId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives a claimed item back without counting an attempt (it queued behind a line that failed).</summary>
    Task ReleaseAsync(long id, string workerId, CancellationToken cancellationToken);

    Task MarkFailedAsync(long id, string workerId, DateTimeOffset retryAt, string error, CancellationToken cancellationToken);

    Task<long> CountBacklogAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Queues lines that belong to no audit record (the published chain head), under <paramref name="requestId"/>,
    /// due at <paramref name="now"/>.
    /// </summary>
    Task EnqueueAsync(string requestId, IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken);
}
