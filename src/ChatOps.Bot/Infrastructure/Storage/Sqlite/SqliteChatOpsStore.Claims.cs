using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

// The delivery claims: committed in groups, unsynced, on the kept writer connection.
public sealed partial class SqliteChatOpsStore
{
    private readonly Lock claimsGate = new();
    private ClaimGroupCommit? claims;

    /// <summary>Runs inside each claim's transaction just before its commit, for tests of the setting it commits under.</summary>
    internal Action<SqliteConnection>? BeforeClaimCommit { get; set; }

    /// <summary>
    /// Every command's delivery claim commits unsynced (synchronous=NORMAL, set around the claims' transaction alone),
    /// in one transaction with the claims that came with it (<see cref="ClaimGroupCommit"/>): a claim costs no fsync of
    /// its own, which was half of each command's fsyncs (issue 19). Nothing is lost by it. A committed claim survives a
    /// crash of the bot (the page cache keeps it); only a power cut or an OS crash can lose it, and only until the next
    /// synced commit: the WAL is one file written in order, so the fsync of the next audit batch makes every frame
    /// before it durable, the claim's included. A mutating command's write-ahead record is such a batch and is synced
    /// before its handler runs; so a lost claim is one whose command changed nothing, and the worst a retried
    /// delivery can do is run a read-only command twice.
    /// </summary>
    private protected override Task<IdempotencyClaim> ClaimRowsAsync(IdempotencyRows.Claim claim, bool prune, CancellationToken cancellationToken) =>
        Claims.ClaimAsync(claim, prune, cancellationToken);

    /// <summary>Made on the first claim: a field initializer cannot reach this store's writer.</summary>
    private ClaimGroupCommit Claims
    {
        get
        {
            if (Volatile.Read(ref claims) is { } made)
            {
                return made;
            }

            lock (claimsGate)
            {
                return claims ??= new ClaimGroupCommit(batch =>
                    WriteKeptAsync("claim key", w => w.ClaimAsync(batch, BeforeClaimCommit, CancellationToken.None), CancellationToken.None));
            }
        }
    }
}
