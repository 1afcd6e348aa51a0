using System.Data.Common;
using ChatOps.Bot.Features.Incidents;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

/// <summary>
/// The embedded, zero-setup store: one SQLite file in WAL mode. Every write takes the in-process writer lock and then
/// BEGIN IMMEDIATE, so appends from many tasks (and from another process on the same file) form one chain.
/// The chain is keyed with <paramref name="chainKeys"/>.
/// </summary>
public sealed class SqliteChatOpsStore(string connectionString, AuditChainKeys chainKeys)
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

    /// <summary>Runs inside each claim's transaction just before its commit, for tests of the setting it commits under.</summary>
    internal Action<SqliteConnection>? BeforeClaimCommit { get; set; }

    private SqliteKeptReads? hotReads;

    private readonly Lock claimsGate = new();
    private ClaimGroupCommit? claims;

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

    /// <summary>
    /// On a kept native statement (<see cref="SqliteKeptReads.ReadNativeAsync"/>): the provider's reader cost this read,
    /// which every audited command makes, about 0.8 KB (issue 19). Mostly it finds no row, and then allocates nothing.
    /// </summary>
    private protected override async Task<Incident?> FindOpenIncidentRowsAsync(string channelId, CancellationToken cancellationToken)
    {
        try
        {
            return await HotReads.ReadNativeAsync(IncidentRows.FindOpenSql, channelId, static (statement, channel) =>
            {
                statement.Set("@channel_id", channel);
                return statement.Step() ? IncidentRows.Read(new SqliteNativeColumns(statement)) : null;
            }, cancellationToken);
        }
        catch (Exception ex) when (StoreFailure.IsUnavailable(ex))
        {
            throw Unavailable("find incident", ex);
        }
    }

    /// <summary>On a kept native statement, as <see cref="FindOpenIncidentRowsAsync"/>; mostly no row, and then the shared empty list.</summary>
    private protected override async Task<IReadOnlyList<Elevation>> ActiveElevationRowsAsync(
        string subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await HotReads.ReadNativeAsync(ElevationRows.ActiveSql, (subject, now: AuditChain.ToUnixMicroseconds(now)), static (statement, bind) =>
            {
                statement.Set("@subject", bind.subject);
                statement.Set("@now", bind.now);
                List<Elevation>? rows = null;
                while (statement.Step())
                {
                    (rows ??= []).Add(ElevationRows.Read(new SqliteNativeColumns(statement)));
                }

                return rows is null ? [] : (IReadOnlyList<Elevation>)rows;
            }, cancellationToken);
        }
        catch (Exception ex) when (StoreFailure.IsUnavailable(ex))
        {
            throw Unavailable("read elevations", ex);
        }
    }

    private SqliteKeptReads HotReads =>
        LazyInitializer.EnsureInitialized(ref hotReads, () => new SqliteKeptReads(ct => OpenAsync(connectionString, extraPragmas: null, ct)));

    /// <summary>On a kept connection with the statement compiled once (<see cref="SqliteKeptReads"/>).</summary>
    private protected override async Task<T> ReadHotAsync<T>(
        string operation, string sql, Action<DbCommand> bind, Func<DbCommand, Task<T>> read, CancellationToken cancellationToken)
    {
        var reads = HotReads;
        try
        {
            return await reads.ReadAsync(sql, bind, read, cancellationToken);
        }
        catch (Exception ex) when (StoreFailure.IsUnavailable(ex))
        {
            throw Unavailable(operation, ex);
        }
    }

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
