using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

/// <summary>
/// The writer connection the store keeps for the two writes every command makes: the audit group commit and the
/// delivery claim. Opened once with its pragmas, each statement compiled once, so a batch costs BEGIN IMMEDIATE, the
/// head read, the inserts and COMMIT, and a claim BEGIN IMMEDIATE, one upsert and COMMIT between two pragmas. Opening a
/// pooled connection, running the pragmas and re-compiling each statement per write was most of the bot's SQLite time
/// and a quarter of the bytes a command allocated; the statements, the transaction's included, run natively
/// (<see cref="SqliteNativeStatement"/>) for the provider's per-execution objects (issue 19). Only used under the
/// store's writer lock; the store drops it on any failure and opens a fresh one for the next write.
/// </summary>
internal sealed class SqliteWriter(SqliteConnection connection) : IDisposable
{
    private readonly List<SqliteNativeStatement> prepared = [];
    private SqliteNativeStatement? begin;
    private SqliteNativeStatement? commit;
    private SqliteNativeStatement? head;
    private SqliteNativeStatement? insert;
    private SqliteNativeStatement? line;
    private SqliteNativeStatement? claim;
    private SqliteNativeStatement? owner;
    private SqliteNativeStatement? prune;

    public Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditAppend> appends, AuditChainKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        head ??= Prepared(AuditRows.HeadLinkSql);
        insert ??= Prepared(AuditRows.InsertSql);
        line ??= Prepared(OutboxRows.InsertSql);
        Begin();
        try
        {
            var entries = Append(appends, key);
            commit!.Execute();
            return Task.FromResult(entries);
        }
        catch
        {
            RollBack();
            throw;
        }
    }

    /// <summary>
    /// The claims of one group commit (<see cref="ClaimGroupCommit"/>), in order, in one transaction that commits
    /// unsynced: synchronous=NORMAL for that transaction alone, and FULL again before any other write can run. The
    /// setting is applied when a PRAGMA is compiled and cannot change inside a transaction, so both run as text outside
    /// it. If FULL cannot be set back, the claims fail and the store drops this connection.
    /// </summary>
    public async Task<IdempotencyClaim[]> ClaimAsync(
        IReadOnlyList<PendingClaim> claims, Action<SqliteConnection>? beforeCommit, CancellationToken cancellationToken)
    {
        claim ??= Prepared(IdempotencyRows.ClaimSql);
        owner ??= Prepared(IdempotencyRows.OwnerSql);
        prune ??= Prepared(IdempotencyRows.PruneSql);
        var results = new IdempotencyClaim[claims.Count];
        Exec("PRAGMA synchronous = NORMAL");
        try
        {
            Begin();
            try
            {
                // Native statements complete synchronously: nothing here waits, so the transaction spans no other work.
                for (var i = 0; i < results.Length; i++)
                {
                    results[i] = await IdempotencyRows.RunAsync(claims[i].Claim, claims[i].Prune, prune, claim, owner, cancellationToken);
                }

                beforeCommit?.Invoke(connection);
                commit!.Execute();
                return results;
            }
            catch
            {
                RollBack();
                throw;
            }
        }
        finally
        {
            Exec("PRAGMA synchronous = FULL");
        }
    }

    public async Task<long> PragmaAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public void Dispose()
    {
        foreach (var statement in prepared)
        {
            statement.Dispose();
        }

        connection.Dispose();
    }

    private IReadOnlyList<AuditEntry> Append(IReadOnlyList<AuditAppend> appends, AuditChainKey key)
    {
        long headSequence = 0;
        var headHash = AuditChain.Genesis;
        if (head!.Step())
        {
            headSequence = head.Int64(0);
            headHash = head.Text(1)!;
        }

        head.Reset();
        var entries = new List<AuditEntry>(appends.Count);
        foreach (var append in appends)
        {
            var entry = AuditRows.Chain(headSequence, headHash, append.Record, key);
            AuditRows.BindInsert(insert!, entry);
            insert!.Execute();
            foreach (var message in append.Outbox)
            {
                OutboxRows.BindLine(line!, entry.Record.RequestId, message with { Text = AuditText.Safe(message.Text) }, entry.Record.At);
                line!.Execute();
            }

            entries.Add(entry);
            (headSequence, headHash) = (entry.Sequence, entry.Hash);
        }

        return entries;
    }

    private void Begin()
    {
        begin ??= Prepared("BEGIN IMMEDIATE");
        commit ??= Prepared("COMMIT");
        begin.Execute();
    }

    /// <summary>
    /// Ends what a failed write began, before the store drops this writer, so that no write of it is left half done in
    /// the file's lock. Only when one is open (a failed COMMIT may have ended it already); not kept compiled, as it runs
    /// on failures only.
    /// </summary>
    private void RollBack()
    {
        if (connection.Handle is { } db && raw.sqlite3_get_autocommit(db) == 0)
        {
            raw.sqlite3_exec(db, "ROLLBACK");
        }
    }

    private void Exec(string sql)
    {
        var db = connection.Handle!;
        var rc = raw.sqlite3_exec(db, sql);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private SqliteNativeStatement Prepared(string sql)
    {
        var statement = SqliteNativeStatement.Prepare(connection, sql);
        prepared.Add(statement);
        return statement;
    }
}
