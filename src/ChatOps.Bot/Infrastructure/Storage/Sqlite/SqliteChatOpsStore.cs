using System.Data.Common;
using ChatOps.Bot.Features.Audit;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

/// <summary>
/// The embedded, zero-setup store: one SQLite file in WAL mode. Every write takes the in-process writer lock and then
/// BEGIN IMMEDIATE, so appends from many tasks (and from another process on the same file) form one chain.
/// The chain is keyed with <paramref name="chainKeys"/>.
/// </summary>
public sealed partial class SqliteChatOpsStore(string connectionString, AuditChainKeys chainKeys) : SqlChatOpsStore, IChatOpsStore, IDisposable
{
    private const string StoreName = "SQLite";

    private readonly SemaphoreSlim writer = new(1, 1);
    private volatile bool prepared;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await WriteAsync("migrate", async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, SqliteSchema.VersionTable, cancellationToken);
            await using var current = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
            var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            var latest = SqliteSchema.Migrations[^1].Version;
            if (version > latest)
            {
                throw new InvalidOperationException($"The SQLite store has schema version {version}; this build knows up to {latest}.");
            }

            foreach (var (next, sql) in SqliteSchema.Migrations.Where(m => m.Version > version))
            {
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using var record = Command(connection, transaction, "INSERT INTO schema_version (version) VALUES (@version)");
                record.Add("version", next);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            return version;
        }, cancellationToken);
    }

    public Task PingAsync(CancellationToken cancellationToken) =>
        // SELECT 1 alone never touches the file; reading the header proves the database itself can be opened.
        ReadAsync("ping", connection => ExecuteAsync(connection, null, "SELECT 1 FROM sqlite_master LIMIT 1", cancellationToken), cancellationToken);

    public void Dispose()
    {
        writer.Dispose();
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
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
                await ExecuteAsync(connection, null, SqliteSchema.JournalMode, cancellationToken);
                prepared = true;
            }

            await ExecuteAsync(connection, null, SqliteSchema.ConnectionPragmas, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
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

    private async Task<T> ReadAsync<T>(string operation, Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception ex) when (StoreFailure.IsUnavailable(ex))
        {
            throw StoreFailure.Unavailable(StoreName, operation, ex);
        }
    }

    /// <summary>One writer at a time in this process; BEGIN IMMEDIATE extends that to other processes on the file.</summary>
    private async Task<T> WriteAsync<T>(
        string operation, Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await writer.WaitAsync(cancellationToken);
        try
        {
            return await ReadAsync(operation, async connection =>
            {
                await using var transaction = connection.BeginTransaction(deferred: false);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }, cancellationToken);
        }
        finally
        {
            writer.Release();
        }
    }

    /// <summary>One writer at a time: no row lock needed.</summary>
    private protected override string ClaimLock => "";

    private protected override Task<T> ReadRowsAsync<T>(string operation, Func<DbConnection, Task<T>> work, CancellationToken cancellationToken) =>
        ReadAsync(operation, connection => work(connection), cancellationToken);

    private protected override Task<T> WriteRowsAsync<T>(
        string operation, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(operation, (connection, transaction) => work(connection, transaction), cancellationToken);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task<int> ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
