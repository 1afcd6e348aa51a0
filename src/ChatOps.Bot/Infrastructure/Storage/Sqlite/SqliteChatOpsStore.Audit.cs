using ChatOps.Bot.Features.Audit;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

public sealed partial class SqliteChatOpsStore
{
    public async Task<AuditEntry> AppendAsync(AuditRecord record, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(outbox);
        return (await AppendBatchAsync([new AuditAppend(record, outbox)], cancellationToken))[0];
    }

    public Task<IReadOnlyList<AuditEntry>> AppendBatchAsync(IReadOnlyList<AuditAppend> appends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appends);
        // The writer lock plus BEGIN IMMEDIATE is SQLite's append lock, so the head read inside is the latest one.
        return StoreFailure.AppendAsync(
            StoreName, () => WriteAsync("append", (connection, transaction) => AuditRows.InsertChainAsync(connection, transaction, appends, chainKeys.Active, cancellationToken), cancellationToken));
    }

    public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync<IReadOnlyList<AuditRecord>>("query", connection => AuditRows.QueryAsync(connection, query, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Streams the chain through <see cref="AuditChain.Verify"/> row by row, so a large log is never held in memory.
    /// One SELECT is one snapshot under WAL, so appends running meanwhile cannot make the walk see a half chain.
    /// </summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) =>
        Task.Run(
            () => ReadAsync("verify", connection => Task.FromResult(AuditChain.Verify(ReadChain(connection, cancellationToken), chainKeys)), cancellationToken),
            cancellationToken);

    private static IEnumerable<AuditEntry> ReadChain(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = Command(connection, null, "SELECT " + AuditRows.Columns + " FROM audit_entries ORDER BY seq");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return AuditRows.ReadForVerification(reader);
        }
    }
}
