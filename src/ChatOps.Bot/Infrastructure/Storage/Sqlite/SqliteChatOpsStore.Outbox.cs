using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

public sealed partial class SqliteChatOpsStore
{
    /// <summary>Select-and-lease is one statement under the writer lock, so two claimers can never share an item.</summary>
    private const string ClaimSql =
        "UPDATE outbox SET lease_owner = @worker, lease_until = @lease_until WHERE id IN (" +
        "SELECT id FROM outbox candidate WHERE candidate.delivered_at IS NULL AND candidate.next_attempt_at <= @now " +
        "AND (candidate.lease_until IS NULL OR candidate.lease_until <= @now)" + OutboxRows.InOrderCondition +
        " ORDER BY candidate.id LIMIT @max) " +
        "RETURNING " + OutboxRows.ReturningColumns;

    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(
        string workerId, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync("claim outbox", async (connection, transaction) =>
        {
            await using var claim = Command(connection, transaction, ClaimSql);
            OutboxRows.BindClaim(claim, workerId, max, lease, now);
            return await OutboxRows.ReadClaimedAsync(claim, cancellationToken);
        }, cancellationToken);

    public Task MarkDeliveredAsync(long id, string workerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync("mark delivered", async (connection, transaction) =>
        {
            await using var update = Command(connection, transaction, OutboxRows.MarkDeliveredSql);
            update.Add("id", id);
            update.Add("worker", workerId);
            update.Add("now", AuditChain.ToUnixMicroseconds(now));
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task ReleaseAsync(long id, string workerId, CancellationToken cancellationToken) =>
        WriteAsync("release outbox", async (connection, transaction) =>
        {
            await using var update = Command(connection, transaction, OutboxRows.ReleaseSql);
            update.Add("id", id);
            update.Add("worker", workerId);
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task MarkFailedAsync(long id, string workerId, DateTimeOffset retryAt, string error, CancellationToken cancellationToken) =>
        WriteAsync("mark failed", async (connection, transaction) =>
        {
            await using var update = Command(connection, transaction, OutboxRows.MarkFailedSql);
            OutboxRows.BindFailed(update, id, workerId, retryAt, error);
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<long> CountBacklogAsync(CancellationToken cancellationToken) =>
        ReadAsync("count outbox", async connection =>
        {
            await using var count = Command(connection, null, OutboxRows.CountBacklogSql);
            return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);
}
