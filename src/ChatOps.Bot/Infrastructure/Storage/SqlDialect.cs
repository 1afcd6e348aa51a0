namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The SQL text that differs between the databases; behaviour that differs is overridden by each store.</summary>
/// <param name="StoreName">Names the store in failure messages, which callers may show in chat.</param>
/// <param name="ClaimLock">
/// Appended to the SELECT that claims due rows: <c> FOR UPDATE SKIP LOCKED</c> where replicas compete for them,
/// empty where the store already admits one writer at a time.
/// </param>
/// <param name="RowLock">Appended to a SELECT of one row a transaction is about to change: <c> FOR UPDATE</c> or empty.</param>
/// <param name="OutboxClaimSql">Leases due outbox lines to <c>@worker</c> and returns <see cref="OutboxRows.ReturningColumns"/>.</param>
/// <param name="PingSql">The cheapest statement that proves the database answers.</param>
/// <param name="VersionTable">Creates schema_version if it is missing.</param>
/// <param name="Migrations">Numbered from 1 and never renumbered: a database records the versions it has applied.</param>
/// <param name="ClaimSettingSql">
/// Run first in each delivery claim's transaction, to set how that transaction alone commits; null where the store
/// commits its claims its own way (SQLite).
/// </param>
internal sealed record SqlDialect(
    string StoreName,
    string ClaimLock,
    string RowLock,
    string OutboxClaimSql,
    string PingSql,
    string VersionTable,
    IReadOnlyList<(int Version, string Sql)> Migrations,
    string? ClaimSettingSql = null);
