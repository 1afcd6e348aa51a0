using System.Globalization;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Operations.Audit;
using Npgsql;

namespace ChatOps.Bot.Infrastructure.Postgres;

public sealed partial class PostgresChatOpsStore
{
    /// <summary>
    /// SKIP LOCKED lets replicas claim side by side without waiting on each other's rows. A row another replica leased
    /// and committed after this statement's snapshot is re-checked against the lease condition once locked (read
    /// committed re-evaluation), so it drops out instead of being leased twice. MATERIALIZED makes the locking
    /// select run exactly once; as an IN subquery the planner could re-run it and exceed the LIMIT.
    /// </summary>
    private const string ClaimSql =
        "WITH due AS MATERIALIZED (SELECT id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= @now " +
        "AND (lease_until IS NULL OR lease_until <= @now) ORDER BY id LIMIT @max FOR UPDATE SKIP LOCKED) " +
        "UPDATE outbox o SET lease_owner = @worker, lease_until = @lease_until FROM due WHERE o.id = due.id " +
        "RETURNING o.id, o.destination, o.text, o.attempts, o.created_at";

    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(
        string workerId, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync("claim outbox", async connection =>
        {
            await using var claim = new NpgsqlCommand(ClaimSql, connection);
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
