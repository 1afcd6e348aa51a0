namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The claim statements both stores share (SQLite and PostgreSQL have the same upsert syntax).</summary>
internal static class IdempotencyRows
{
    /// <summary>
    /// Inserts the key, or takes over an expired claim; a live claim makes the WHERE false and the statement change
    /// no row. One statement, so two replicas racing for a key cannot both win: on PostgreSQL ON CONFLICT serializes
    /// them on the key's index entry, on SQLite there is one writer at a time.
    /// </summary>
    public const string ClaimSql =
        "INSERT INTO idempotency_keys (key, claimed_at, expires_at, owner) VALUES (@key, @now, @expires_at, @owner) " +
        "ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at, owner = excluded.owner " +
        "WHERE idempotency_keys.expires_at <= @now";

    /// <summary>Who holds a live claim; read in the losing claimer's transaction, after the winner's row is visible.</summary>
    public const string OwnerSql = "SELECT owner FROM idempotency_keys WHERE key = @key";

    /// <summary>
    /// Forgets expired keys a few at a time, on every 16th claim, so the table stays as small as the claims still live
    /// without a separate sweeper.
    /// </summary>
    public const string PruneSql =
        "DELETE FROM idempotency_keys WHERE key IN (SELECT key FROM idempotency_keys WHERE expires_at <= @now LIMIT 100)";

    /// <summary>One claim, its times as the stored microseconds.</summary>
    public sealed record Claim(string Key, string Owner, long Now, long ExpiresAt);

    /// <summary>
    /// Prunes (when <paramref name="pruneFirst"/>), claims, and on a lost claim reads who holds it, on statements that
    /// are new or prepared and reused: values are set on the parameters a statement already has.
    /// </summary>
    public static async Task<IdempotencyClaim> RunAsync<T>(
        Claim claim, bool pruneFirst, T prune, T insert, T owner, CancellationToken cancellationToken)
        where T : IRowStatement
    {
        if (pruneFirst)
        {
            prune.Set("@now", claim.Now);
            await prune.ExecuteAsync(cancellationToken);
        }

        insert.Set("@key", claim.Key);
        insert.Set("@now", claim.Now);
        insert.Set("@expires_at", claim.ExpiresAt);
        insert.Set("@owner", claim.Owner);
        if (await insert.ExecuteAsync(cancellationToken) == 1)
        {
            return new IdempotencyClaim(true, claim.Owner);
        }

        owner.Set("@key", claim.Key);
        return new IdempotencyClaim(false, await owner.ReadTextAsync(cancellationToken) ?? string.Empty);
    }
}
