using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Bot.Infrastructure.Storage;

public abstract partial class SqlChatOpsStore
{
    /// <summary>
    /// Claims take the outbox claim lock in their transaction: the in-order rule looks at other rows' leases, and
    /// only a claim that runs after the previous one committed sees them.
    /// </summary>
    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(
        string workerId, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteRowsAsync("claim outbox", async (connection, transaction) =>
        {
            await LockAsync(connection, transaction, StoreLock.OutboxClaim, cancellationToken);
            await using var claim = DbValues.Command(connection, transaction, dialect.OutboxClaimSql);
            OutboxRows.BindClaim(claim, workerId, max, lease, now);
            return await OutboxRows.ReadClaimedAsync(claim, cancellationToken);
        }, cancellationToken);

    public Task MarkDeliveredAsync(long id, string workerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteStatementAsync("mark delivered", async (connection, transaction) =>
        {
            await using var update = DbValues.Command(connection, transaction, OutboxRows.MarkDeliveredSql);
            update.Add("@id", id);
            update.Add("@worker", workerId);
            update.Add("@now", AuditChain.ToUnixMicroseconds(now));
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task ReleaseAsync(long id, string workerId, CancellationToken cancellationToken) =>
        WriteStatementAsync("release outbox", async (connection, transaction) =>
        {
            await using var update = DbValues.Command(connection, transaction, OutboxRows.ReleaseSql);
            update.Add("@id", id);
            update.Add("@worker", workerId);
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task MarkFailedAsync(long id, string workerId, DateTimeOffset retryAt, string error, CancellationToken cancellationToken) =>
        WriteStatementAsync("mark failed", async (connection, transaction) =>
        {
            await using var update = DbValues.Command(connection, transaction, OutboxRows.MarkFailedSql);
            OutboxRows.BindFailed(update, id, workerId, retryAt, error);
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<long> CountBacklogAsync(CancellationToken cancellationToken) =>
        ReadRowsAsync("count outbox", async connection =>
        {
            await using var count = DbValues.Command(connection, null, OutboxRows.CountBacklogSql);
            return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }, cancellationToken);
}
