using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>Appending to the hash chain, querying it and verifying it end to end.</summary>
public abstract partial class SqlChatOpsStore
{
    public async Task<AuditEntry> AppendAsync(AuditRecord record, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(outbox);
        return (await AppendBatchAsync([new AuditAppend(record, outbox)], cancellationToken))[0];
    }

    /// <summary>
    /// The head is read in its own statement after the append lock is granted, so it is the latest one; the primary
    /// key on seq turns any mistake here into a failed append, never a fork.
    /// </summary>
    public Task<IReadOnlyList<AuditEntry>> AppendBatchAsync(IReadOnlyList<AuditAppend> appends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appends);
        return StoreFailure.AppendAsync(dialect.StoreName, () => InsertChainAsync(appends, chainKeys.Active, cancellationToken));
    }

    /// <summary>Links <paramref name="appends"/> to the chain and commits them in one transaction; a dialect may keep a writer of its own.</summary>
    private protected virtual Task<IReadOnlyList<AuditEntry>> InsertChainAsync(
        IReadOnlyList<AuditAppend> appends, AuditChainKey key, CancellationToken cancellationToken) =>
        WriteRowsAsync("append", async (connection, transaction) =>
        {
            await LockAsync(connection, transaction, StoreLock.AuditAppend, cancellationToken);
            return await AuditRows.InsertChainAsync(connection, transaction, appends, key, cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadRowsAsync<IReadOnlyList<AuditRecord>>("query", connection => AuditRows.QueryAsync(connection, query, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Streams the chain through <see cref="AuditChain.Verify"/> row by row with a synchronous reader (both drivers
    /// stream rows rather than buffer the result), so a large log is never held in memory, on the thread pool so the
    /// caller's thread is not held by the walk. One SELECT is one snapshot, so appends running meanwhile cannot make
    /// the walk see a half chain.
    /// </summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) =>
        Task.Run(
            () => ReadRowsAsync("verify", connection => Task.FromResult(AuditChain.Verify(ReadChain(connection, cancellationToken), chainKeys)), cancellationToken),
            cancellationToken);

    private static IEnumerable<AuditEntry> ReadChain(DbConnection connection, CancellationToken cancellationToken)
    {
        using var command = DbValues.Command(connection, null, "SELECT " + AuditRows.Columns + " FROM audit_entries ORDER BY seq");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return AuditRows.ReadForVerification(reader);
        }
    }
}
