using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

/// <summary>
/// A writer connection the store keeps for the two writes every command makes: the audit group commit and the delivery
/// claim (one connection each). Opened once with its pragmas, each statement compiled once, so a batch costs BEGIN IMMEDIATE, the head read, the
/// inserts and COMMIT, and a claim BEGIN IMMEDIATE, one upsert and COMMIT. Opening a pooled connection, running the
/// pragmas and re-compiling each statement per write was most of the bot's SQLite time and a quarter of the bytes a
/// command allocated (issue 19). Only used under the store's writer lock; the store drops it on any failure and opens
/// a fresh one for the next write.
/// </summary>
internal sealed class SqliteWriter(SqliteConnection connection) : IDisposable
{
    private readonly List<SqliteCommand> prepared = [];
    private SqliteCommand? head;
    private SqliteCommand? insert;
    private SqliteCommand? line;
    private SqliteCommand? claim;
    private SqliteCommand? owner;
    private SqliteCommand? prune;

    public async Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditAppend> appends, AuditChainKey key, CancellationToken cancellationToken)
    {
        head ??= Prepared(AuditRows.HeadLinkSql);
        insert ??= Prepared(AuditRows.InsertSql);
        line ??= Prepared(OutboxRows.InsertSql);
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
            AuditRows.BindInsert(insert, entry);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            foreach (var message in append.Outbox)
            {
                OutboxRows.BindLine(line, entry.Record.RequestId, message with { Text = AuditText.Safe(message.Text) }, entry.Record.At);
                await line.ExecuteNonQueryAsync(cancellationToken);
            }

            entries.Add(entry);
            (headSequence, headHash) = (entry.Sequence, entry.Hash);
        }

        await transaction.CommitAsync(cancellationToken);
        return entries;
    }

    public async Task<IdempotencyClaim> ClaimAsync(IdempotencyRows.Claim key, bool pruneFirst, CancellationToken cancellationToken)
    {
        claim ??= Prepared(IdempotencyRows.ClaimSql);
        owner ??= Prepared(IdempotencyRows.OwnerSql);
        prune ??= Prepared(IdempotencyRows.PruneSql);
        await using var transaction = connection.BeginTransaction(deferred: false);
        claim.Transaction = owner.Transaction = prune.Transaction = transaction;
        var result = await IdempotencyRows.RunAsync(key, pruneFirst ? prune : null, claim, owner, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async Task<long> PragmaAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public void Dispose()
    {
        foreach (var command in prepared)
        {
            command.Dispose();
        }

        connection.Dispose();
    }

    private SqliteCommand Prepared(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Prepare();
        prepared.Add(command);
        return command;
    }
}
