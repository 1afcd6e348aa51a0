using System.Globalization;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Audit.Outbox;
using Npgsql;

namespace ChatOps.Bot.Infrastructure.Storage.Postgres;

public sealed partial class PostgresChatOpsStore
{
    /// <summary>
    /// Claims are serialized by an advisory lock taken in the same transaction: the in-order rule looks at other
    /// rows' leases, and only a claim that runs after the previous one committed sees them. SKIP LOCKED stays as a
    /// guard for rows a settling worker holds. MATERIALIZED makes the locking select run exactly once; as an IN
    /// subquery the planner could re-run it and exceed the LIMIT.
    /// </summary>
    private const string ClaimSql =
        "WITH due AS MATERIALIZED (SELECT id FROM outbox candidate WHERE candidate.delivered_at IS NULL " +
        "AND candidate.next_attempt_at <= @now AND (candidate.lease_until IS NULL OR candidate.lease_until <= @now)" +
        OutboxRows.InOrderCondition + " ORDER BY candidate.id LIMIT @max FOR UPDATE SKIP LOCKED) " +
        "UPDATE outbox o SET lease_owner = @worker, lease_until = @lease_until FROM due WHERE o.id = due.id " +
        "RETURNING o.id, o.destination, o.text, o.attempts, o.created_at";

    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(
        string workerId, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync("claim outbox", async (connection, transaction) =>
        {
            await using (var claimLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
            {
                claimLock.Add("key", PostgresSchema.OutboxClaimLockKey);
                await claimLock.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var claim = new NpgsqlCommand(ClaimSql, connection, transaction);
            OutboxRows.BindClaim(claim, workerId, max, lease, now);
            return await OutboxRows.ReadClaimedAsync(claim, cancellationToken);
        }, cancellationToken);

    public Task MarkDeliveredAsync(long id, string workerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync("mark delivered", async connection =>
        {
            await using var update = new NpgsqlCommand(OutboxRows.MarkDeliveredSql, connection);
            update.Add("id", id);
            update.Add("worker", workerId);
            update.Add("now", AuditChain.ToUnixMicroseconds(now));
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task ReleaseAsync(long id, string workerId, CancellationToken cancellationToken) =>
        RunAsync("release outbox", async connection =>
        {
            await using var update = new NpgsqlCommand(OutboxRows.ReleaseSql, connection);
            update.Add("id", id);
            update.Add("worker", workerId);
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task MarkFailedAsync(long id, string workerId, DateTimeOffset retryAt, string error, CancellationToken cancellationToken) =>
        RunAsync("mark failed", async connection =>
        {
            await using var update = new NpgsqlCommand(OutboxRows.MarkFailedSql, connection);
            OutboxRows.BindFailed(update, id, workerId, retryAt, error);
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<long> CountBacklogAsync(CancellationToken cancellationToken) =>
        RunAsync("count outbox", async connection =>
        {
            await using var count = new NpgsqlCommand(OutboxRows.CountBacklogSql, connection);
            return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }, cancellationToken);
}
