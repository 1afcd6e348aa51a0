using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

/// <summary>
/// The audit group commit's own connection: opened once with its pragmas and its three statements compiled once, so a
/// batch costs BEGIN IMMEDIATE, the head read, the inserts and COMMIT. Opening a pooled connection, running the
/// pragmas and re-compiling each INSERT per batch was most of the bot's SQLite time (issue 19). Only used under the
/// store's writer lock; the store drops it on any failure and opens a fresh one for the next batch.
/// </summary>
internal sealed class SqliteAuditWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteCommand head;
    private readonly SqliteCommand insert;
    private readonly SqliteCommand line;

    public SqliteAuditWriter(SqliteConnection connection)
    {
        this.connection = connection;
        head = Prepared(AuditRows.HeadLinkSql);
        insert = Prepared(AuditRows.InsertSql);
        line = Prepared(OutboxRows.InsertSql);
    }

    public async Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditAppend> appends, AuditChainKey key, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        head.Transaction = insert.Transaction = line.Transaction = transaction;

        long headSequence = 0;
        var headHash = AuditChain.Genesis;
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                headSequence = reader.GetInt64(0);
                headHash = reader.GetString(1);
            }
        }

        var entries = new List<AuditEntry>(appends.Count);
        foreach (var append in appends)
        {
            var entry = AuditRows.Chain(headSequence, headHash, append.Record, key);
            insert.Parameters.Clear();
            AuditRows.BindInsert(insert, entry);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            foreach (var message in append.Outbox)
            {
                line.Parameters.Clear();
                OutboxRows.BindLine(line, entry.Record.RequestId, message with { Text = AuditText.Safe(message.Text) }, entry.Record.At);
                await line.ExecuteNonQueryAsync(cancellationToken);
            }

            entries.Add(entry);
            (headSequence, headHash) = (entry.Sequence, entry.Hash);
        }

        await transaction.CommitAsync(cancellationToken);
        return entries;
    }

    public void Dispose()
    {
        head.Dispose();
        insert.Dispose();
        line.Dispose();
        connection.Dispose();
    }

    private SqliteCommand Prepared(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Prepare();
        return command;
    }
}
