namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The claim statement both stores share (SQLite and PostgreSQL have the same upsert syntax).</summary>
internal static class IdempotencyRows
{
    /// <summary>
    /// Inserts the key, or takes over an expired claim; a live claim makes the WHERE false and the statement change
    /// no row. One statement, so two replicas racing for a key cannot both win.
    /// </summary>
    public const string ClaimSql =
        "INSERT INTO idempotency_keys (key, claimed_at, expires_at) VALUES (@key, @now, @expires_at) " +
        "ON CONFLICT (key) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at " +
        "WHERE idempotency_keys.expires_at <= @now";

    /// <summary>Forgets expired keys a few at a time, so the table stays small without a separate sweeper.</summary>
    public const string PruneSql =
        "DELETE FROM idempotency_keys WHERE key IN (SELECT key FROM idempotency_keys WHERE expires_at <= @now LIMIT 100)";
}
