namespace ChatOps.Bot.Operations.Audit;

public sealed record OutboxItem(long Id, string Destination, string Text, int Attempts, DateTimeOffset CreatedAt);

/// <summary>Delivery side of the outbox that <see cref="IAuditLog.AppendAsync"/> fills.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Leases up to <paramref name="max"/> undelivered items that are due, so no other worker (or replica)
    /// takes them until <paramref name="lease"/> has passed.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string workerId, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(long id, string workerId, DateTimeOffset now, CancellationToken cancellationToken);

    Task MarkFailedAsync(long id, string workerId, DateTimeOffset retryAt, string error, CancellationToken cancellationToken);

    Task<long> CountBacklogAsync(CancellationToken cancellationToken);
}
