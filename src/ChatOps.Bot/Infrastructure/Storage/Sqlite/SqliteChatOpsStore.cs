using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

/// <summary>
/// The embedded, zero-setup store: one SQLite file in WAL mode. Every write takes the in-process writer lock and then
/// BEGIN IMMEDIATE, so appends from many tasks (and from another process on the same file) form one chain.
/// The chain is keyed with <paramref name="chainKeys"/>.
/// </summary>
public sealed partial class SqliteChatOpsStore(string connectionString, AuditChainKeys chainKeys)
    : SqlChatOpsStore(chainKeys, Dialect), IChatOpsStore, IDisposable
{
    /// <summary>Select-and-lease is one statement under the writer lock, so two claimers can never share an item.</summary>
    private const string ClaimSql =
        "UPDATE outbox SET lease_owner = @worker, lease_until = @lease_until WHERE id IN (" +
        "SELECT id FROM outbox candidate WHERE candidate.delivered_at IS NULL AND candidate.next_attempt_at <= @now " +
        "AND (candidate.lease_until IS NULL OR candidate.lease_until <= @now)" + OutboxRows.InOrderCondition +
        " ORDER BY candidate.id LIMIT @max) " +
        "RETURNING " + OutboxRows.ReturningColumns;

    private static readonly object Configured = new();

    private readonly SemaphoreSlim writer = new(1, 1);

    /// <summary>The native connections (pooled, reused across opens) that have their PRAGMAs; forgotten as the pool drops them.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = [];
    private volatile bool prepared;
    /// <summary>
    /// The kept writer connection, for the group commit and the claims both: they take turns under the writer lock
    /// anyway, and on one connection neither commit empties the other's page cache (on two, each write read its pages
    /// again: about 7 reads per command against 2.4, issue 19).
    /// </summary>
    private SqliteWriter? kept;

    /// <summary>
    /// One writer at a time: no row lock needed. SELECT 1 alone never touches the file; reading the header proves the
    /// database itself can be opened.
    /// </summary>
    private static readonly SqlDialect Dialect = new(
        StoreName: "SQLite", ClaimLock: "", RowLock: "", OutboxClaimSql: ClaimSql,
        PingSql: "SELECT 1 FROM sqlite_master LIMIT 1", VersionTable: SqliteSchema.VersionTable, Migrations: SqliteSchema.Migrations);

    public void Dispose()
    {
        // The queued claims first: they commit through the writer lock and the kept connection.
        claims?.Dispose();
        hotReads?.Dispose();
        kept?.Dispose();

        writer.Dispose();
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await OpenAsync(connectionString, extraPragmas: null, cancellationToken);

    /// <param name="extraPragmas">Run after the store's own on every open: only for a connection outside the pool.</param>
    private async Task<SqliteConnection> OpenAsync(string connectionString, string? extraPragmas, CancellationToken cancellationToken)
    {
        if (!prepared)
        {
            CreateDirectory();
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!prepared)
            {
                await ExecuteAsync(connection, SqliteSchema.JournalMode, cancellationToken);
                prepared = true;
            }

            // The pool hands the same native connection out again with its settings; set them once per connection.
            if (!configured.TryGetValue(connection.Handle!, out _))
            {
                await ExecuteAsync(connection, SqliteSchema.ConnectionPragmas, cancellationToken);
                configured.AddOrUpdate(connection.Handle!, Configured);
            }

            if (extraPragmas is not null)
            {
                await ExecuteAsync(connection, extraPragmas, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection as every statement of this store gets it, for tests of its settings.</summary>
    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        (SqliteConnection)await OpenAsync(cancellationToken);

    /// <summary>One writer at a time in this process; BEGIN IMMEDIATE extends that to other processes on the file.</summary>
    private protected override async Task<T> AdmitWriterAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            writer.Release();
        }
    }

    /// <summary>The group commit's batches go through the kept writer connection with its statements compiled once.</summary>
    private protected override Task<IReadOnlyList<AuditEntry>> InsertChainAsync(
        IReadOnlyList<AuditAppend> appends, AuditChainKey key, CancellationToken cancellationToken) =>
        WriteKeptAsync("append", w => w.AppendAsync(appends, key, cancellationToken), cancellationToken);

    /// <summary>
    /// Outside the pool: the claims lower the connection's synchronous setting for their own commits, and a pooled
    /// connection keeps its settings when it goes back, so a write that rented it after a failed claim could commit
    /// unsynced.
    /// </summary>
    private Task<SqliteConnection> OpenWriterConnectionAsync(CancellationToken cancellationToken) => OpenAsync(
        new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString(), extraPragmas: null, cancellationToken);

    /// <summary>A pragma's value on the kept writer connection (opened if need be), for tests of its settings.</summary>
    internal Task<long> KeptPragmaAsync(string name, CancellationToken cancellationToken) =>
        WriteKeptAsync("read a pragma", w => w.PragmaAsync(name, cancellationToken), cancellationToken);

    /// <summary>
    /// A write on the kept writer connection. A failed write drops that connection (a broken handle must not fail every
    /// later write, and a failed claim may have left its setting lowered) and the next one opens afresh.
    /// </summary>
    private Task<T> WriteKeptAsync<T>(string operation, Func<SqliteWriter, Task<T>> write, CancellationToken cancellationToken) =>
        AdmitWriterAsync(async () =>
        {
            try
            {
                kept ??= new SqliteWriter(await OpenWriterConnectionAsync(cancellationToken));
                return await write(kept);
            }
            catch (Exception ex)
            {
                kept?.Dispose();
                kept = null;
                if (StoreFailure.IsUnavailable(ex))
                {
                    throw Unavailable(operation, ex);
                }

                throw;
            }
        }, cancellationToken);

    private protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <summary>Every write already holds the writer lock and BEGIN IMMEDIATE: nothing else can interleave.</summary>
    private protected override Task LockAsync(
        DbConnection connection, DbTransaction transaction, StoreLock storeLock, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every write, even of one statement, goes through the writer lock and BEGIN IMMEDIATE.</summary>
    private protected override Task<T> WriteStatementAsync<T>(
        string operation, Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken) =>
        WriteRowsAsync(operation, (connection, transaction) => work(connection, transaction), cancellationToken);

    /// <summary>Two statements; outside a write they run in a deferred transaction, so both read one WAL snapshot.</summary>
    private protected override async Task<PendingApproval?> ReadApprovalAsync(
        DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        if (transaction is null)
        {
            await using var snapshot = ((SqliteConnection)connection).BeginTransaction(deferred: true);
            return await ReadApprovalAsync(connection, snapshot, id, cancellationToken);
        }

        PendingApproval approval;
        await using (var select = DbValues.Command(connection, transaction, ApprovalRows.SelectByIdSql))
        {
            select.Add("@id", id);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            approval = ApprovalRows.Read(reader);
        }

        var approvers = new List<string>();
        await using (var votes = DbValues.Command(connection, transaction, ApprovalRows.SelectVotesSql))
        {
            votes.Add("@id", id);
            await using var reader = await votes.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                approvers.Add(reader.GetString(0));
            }
        }

        return approval with { Approvers = approvers };
    }

    /// <summary>"Data Source=data/chatops.db" should just work on a fresh checkout, so the folder is created.</summary>
    private void CreateDirectory()
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(file) || file == ":memory:" ||
            file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
