using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Operations.Audit;
using Npgsql;

namespace ChatOps.Bot.Infrastructure.Postgres;

public sealed partial class PostgresChatOpsStore
{
    public Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return InTransactionAsync("claim key", async (connection, transaction) =>
        {
            var nowMicros = AuditChain.ToUnixMicroseconds(now);
            await using (var prune = new NpgsqlCommand(IdempotencyRows.PruneSql, connection, transaction))
            {
                prune.Add("now", nowMicros);
                await prune.ExecuteNonQueryAsync(cancellationToken);
            }

            // ON CONFLICT serializes racing replicas on the key's index entry: exactly one of them changes a row.
            await using var claim = new NpgsqlCommand(IdempotencyRows.ClaimSql, connection, transaction);
            claim.Add("key", key);
            claim.Add("now", nowMicros);
            claim.Add("expires_at", AuditChain.ToUnixMicroseconds(expiresAt));
            return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
    }
}
