using ChatOps.Bot.Features.Audit;
using Npgsql;

namespace ChatOps.Bot.Infrastructure.Storage.Postgres;

public sealed partial class PostgresChatOpsStore
{
    /// <summary>
    /// The head is read in its own statement after the lock is granted, so under read committed it sees the append
    /// that held the lock before; the primary key on seq turns any mistake here into a failed append, never a fork.
    /// </summary>
    private const string LockChainSql = "SELECT pg_advisory_xact_lock(@key)";

    public async Task<AuditEntry> AppendAsync(AuditRecord record, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(outbox);
        return (await AppendBatchAsync([new AuditAppend(record, outbox)], cancellationToken))[0];
    }

    public Task<IReadOnlyList<AuditEntry>> AppendBatchAsync(IReadOnlyList<AuditAppend> appends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appends);
        return StoreFailure.AppendAsync(StoreName, () => InTransactionAsync<IReadOnlyList<AuditEntry>>("append", async (connection, transaction) =>
        {
            await using (var chainLock = new NpgsqlCommand(LockChainSql, connection, transaction))
            {
                chainLock.Add("key", PostgresSchema.AppendLockKey);
                await chainLock.ExecuteNonQueryAsync(cancellationToken);
            }

            return await AuditRows.InsertChainAsync(connection, transaction, appends, chainKeys.Active, cancellationToken);
        }, cancellationToken));
    }

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RunAsync<IReadOnlyList<AuditRecord>>("query", connection => AuditRows.QueryAsync(connection, query, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Streams the chain through <see cref="AuditChain.Verify"/> with a synchronous reader (Npgsql streams rows, it
    /// does not buffer the result), on the thread pool so the caller's thread is not held by the walk.
    /// </summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) =>
        Task.Run(
            () => RunAsync("verify", connection => Task.FromResult(AuditChain.Verify(ReadChain(connection, cancellationToken), chainKeys)), cancellationToken),
            cancellationToken);

    private static IEnumerable<AuditEntry> ReadChain(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT " + AuditRows.Columns + " FROM audit_entries ORDER BY seq", connection);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return AuditRows.ReadForVerification(reader);
        }
    }
}
