namespace ChatOps.Bot.Infrastructure.Storage;

public abstract partial class SqlChatOpsStore
{
    /// <summary>
    /// Claims between two prunes. Pruning is garbage collection, not correctness (the claim statement itself takes
    /// over an expired key), so it need not cost every claim a statement; up to 100 keys every 16 claims still
    /// removes them faster than one claim a time can add them.
    /// </summary>
    private const int ClaimsPerPrune = 16;

    private int claimsSincePrune = -1;

    public async Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        (await ClaimAsync(key, string.Empty, now, expiresAt, cancellationToken)).Claimed;

    public Task<IdempotencyClaim> ClaimAsync(string key, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(owner);
        return WriteRowsAsync("claim key", async (connection, transaction) =>
        {
            var nowMicros = AuditChain.ToUnixMicroseconds(now);
            if (Interlocked.Increment(ref claimsSincePrune) % ClaimsPerPrune == 0)
            {
                await using var prune = DbValues.Command(connection, transaction, IdempotencyRows.PruneSql);
                prune.Add("now", nowMicros);
                await prune.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var claim = DbValues.Command(connection, transaction, IdempotencyRows.ClaimSql))
            {
                claim.Add("key", key);
                claim.Add("now", nowMicros);
                claim.Add("expires_at", AuditChain.ToUnixMicroseconds(expiresAt));
                claim.Add("owner", owner);
                if (await claim.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    return new IdempotencyClaim(true, owner);
                }
            }

            await using var read = DbValues.Command(connection, transaction, IdempotencyRows.OwnerSql);
            read.Add("key", key);
            return new IdempotencyClaim(false, await read.ExecuteScalarAsync(cancellationToken) as string ?? string.Empty);
        }, cancellationToken);
    }
}
