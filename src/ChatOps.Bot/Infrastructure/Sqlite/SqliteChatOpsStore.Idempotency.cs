using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Operations.Audit;

namespace ChatOps.Bot.Infrastructure.Sqlite;

public sealed partial class SqliteChatOpsStore
{
    public Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return WriteAsync("claim key", async (connection, transaction) =>
        {
            var nowMicros = AuditChain.ToUnixMicroseconds(now);
            await using (var prune = Command(connection, transaction, IdempotencyRows.PruneSql))
            {
                prune.Add("now", nowMicros);
                await prune.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var claim = Command(connection, transaction, IdempotencyRows.ClaimSql);
            claim.Add("key", key);
            claim.Add("now", nowMicros);
            claim.Add("expires_at", AuditChain.ToUnixMicroseconds(expiresAt));
            return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
    }
}
