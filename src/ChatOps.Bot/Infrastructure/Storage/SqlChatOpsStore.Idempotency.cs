using System.Data.Common;

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
        var claim = new IdempotencyRows.Claim(key, owner, AuditChain.ToUnixMicroseconds(now), AuditChain.ToUnixMicroseconds(expiresAt));
        return ClaimRowsAsync(claim, Interlocked.Increment(ref claimsSincePrune) % ClaimsPerPrune == 0, cancellationToken);
    }

    /// <summary>Runs inside each claim's transaction just before its commit, for tests of the settings it commits under.</summary>
    internal Func<DbConnection, DbTransaction, Task>? InClaimTransaction { get; set; }

    /// <summary>The claim as its own write; a dialect may run the same statements on a connection it keeps.</summary>
    private protected virtual Task<IdempotencyClaim> ClaimRowsAsync(IdempotencyRows.Claim claim, bool prune, CancellationToken cancellationToken) =>
        WriteRowsAsync("claim key", async (connection, transaction) =>
        {
            if (dialect.ClaimSettingSql is { } setting)
            {
                await using var set = DbValues.Command(connection, transaction, setting);
                await set.ExecuteNonQueryAsync(cancellationToken);
            }

            // Built only on the claims that prune; the others pass an empty statement that is never run.
            await using var pruneCommand = prune ? DbValues.Command(connection, transaction, IdempotencyRows.PruneSql) : null;
            await using var claimCommand = DbValues.Command(connection, transaction, IdempotencyRows.ClaimSql);
            await using var ownerCommand = DbValues.Command(connection, transaction, IdempotencyRows.OwnerSql);
            var result = await IdempotencyRows.RunAsync(
                claim, prune, pruneCommand is null ? default : new CommandStatement(pruneCommand), new CommandStatement(claimCommand),
                new CommandStatement(ownerCommand), cancellationToken);
            if (InClaimTransaction is { } inTransaction)
            {
                await inTransaction(connection, transaction);
            }

            return result;
        }, cancellationToken);
}
