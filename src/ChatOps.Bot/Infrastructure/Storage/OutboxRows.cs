using System.Data.Common;
using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>Outbox statements that are the same in both dialects; the claim statement differs and each dialect supplies it.</summary>
internal static class OutboxRows
{
    public const string ReturningColumns = "id, destination, text, attempts, created_at";

    public const string InsertSql =
        "INSERT INTO outbox (request_id, destination, text, created_at, attempts, next_attempt_at) " +
        "VALUES (@request_id, @destination, @text, @created_at, 0, @created_at)";

    /// <summary>Only the worker that still holds the lease may settle an item; a late worker's update is a no-op.</summary>
    public const string MarkDeliveredSql =
        "UPDATE outbox SET delivered_at = @now, lease_until = NULL " +
        "WHERE id = @id AND lease_owner = @worker AND delivered_at IS NULL";

    public const string MarkFailedSql =
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @retry_at, last_error = @error, " +
        "lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @worker AND delivered_at IS NULL";

    /// <summary>The in-order rule of <see cref="IOutboxStore.ClaimDueAsync"/>, for a claim query aliasing outbox as "candidate".</summary>
    public const string InOrderCondition =
        " AND NOT EXISTS (SELECT 1 FROM outbox older WHERE older.destination = candidate.destination " +
        "AND older.id < candidate.id AND older.delivered_at IS NULL " +
        "AND (older.next_attempt_at > @now OR (older.lease_until IS NOT NULL AND older.lease_until > @now)))";

    public const string ReleaseSql =
        "UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @worker AND delivered_at IS NULL";

    public const string CountBacklogSql = "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL";

    /// <summary>Errors come from remote APIs and can be long; the row keeps enough to diagnose.</summary>
    public const int MaxErrorLength = 2000;

    /// <summary>
    /// Queues <paramref name="messages"/> for <paramref name="requestId"/> inside the caller's transaction, so the lines
    /// commit with the change they announce. Each is due as soon as it exists, <paramref name="at"/> being its creation
    /// time: the callers pass the time of the change, so the store keeps no clock of its own.
    /// </summary>
    public static async Task QueueAsync(
        DbConnection connection, DbTransaction transaction, string requestId, IEnumerable<OutboxMessage> messages, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            await using var line = DbValues.Command(connection, transaction, InsertSql);
            BindLine(new CommandStatement(line), requestId, message, at);
            await line.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Binds one line to <see cref="InsertSql"/>, on a new command or on a prepared one whose parameters are reused.</summary>
    public static void BindLine<T>(T line, string requestId, OutboxMessage message, DateTimeOffset at)
        where T : IRowStatement
    {
        line.Set("@request_id", requestId);
        line.Set("@destination", message.Destination);
        line.Set("@text", message.Text);
        line.Set("@created_at", AuditChain.ToUnixMicroseconds(at));
    }

    public static void BindClaim(DbCommand command, string workerId, int max, TimeSpan lease, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        command.Add("@now", AuditChain.ToUnixMicroseconds(now));
        command.Add("@lease_until", AuditChain.ToUnixMicroseconds(now + lease));
        command.Add("@worker", workerId);
        command.Add("@max", max);
    }

    public static void BindFailed(DbCommand command, long id, string workerId, DateTimeOffset retryAt, string error)
    {
        command.Add("@id", id);
        command.Add("@worker", workerId);
        command.Add("@retry_at", AuditChain.ToUnixMicroseconds(retryAt));
        command.Add("@error", error.Length > MaxErrorLength ? error[..MaxErrorLength] : error);
    }

    public static async Task<IReadOnlyList<OutboxItem>> ReadClaimedAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var items = new List<OutboxItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new OutboxItem(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                AuditChain.FromUnixMicroseconds(reader.GetInt64(4))));
        }

        // RETURNING does not promise an order; callers deliver oldest first.
        items.Sort((a, b) => a.Id.CompareTo(b.Id));
        return items;
    }
}
