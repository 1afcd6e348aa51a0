using System.Data;
using System.Data.Common;
using System.Globalization;
using ChatOps.Bot.Features.Audit;
using Npgsql;

namespace ChatOps.Bot.Infrastructure.Storage.Postgres;

/// <summary>
/// The shared store for several bot replicas on one database. Cross-replica safety comes from the database alone:
/// an advisory lock orders audit appends, FOR UPDATE SKIP LOCKED plus a lease hands each outbox line to one worker,
/// and approval transitions are compare-and-set on a locked row. The data source is owned by the caller. Every replica
/// must be given the same <paramref name="chainKeys"/>, or each would break the chain the others write.
/// </summary>
public sealed partial class PostgresChatOpsStore(NpgsqlDataSource dataSource, AuditChainKeys chainKeys) : SqlChatOpsStore, IChatOpsStore
{
    private const string StoreName = "PostgreSQL";

    /// <summary>Concurrent replicas skip rows another transaction holds.</summary>
    private protected override string ClaimLock => " FOR UPDATE SKIP LOCKED";

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        InTransactionAsync("migrate", async (connection, transaction) =>
        {
            // Lock first: concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog without it.
            await using (var migrationLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
            {
                migrationLock.Add("key", PostgresSchema.MigrationLockKey);
                await migrationLock.ExecuteNonQueryAsync(cancellationToken);
            }

            await ExecuteAsync(connection, transaction, PostgresSchema.VersionTable, cancellationToken);
            await using var current = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, transaction);
            var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            var latest = PostgresSchema.Migrations[^1].Version;
            if (version > latest)
            {
                throw new InvalidOperationException($"The PostgreSQL store has schema version {version}; this build knows up to {latest}.");
            }

            foreach (var (next, sql) in PostgresSchema.Migrations.Where(m => m.Version > version))
            {
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES (@version)", connection, transaction);
                record.Add("version", next);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            return version;
        }, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) =>
        RunAsync("ping", connection => ExecuteAsync(connection, null, "SELECT 1", cancellationToken), cancellationToken);

    private async Task<T> RunAsync<T>(string operation, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception ex) when (StoreFailure.IsUnavailable(ex))
        {
            throw StoreFailure.Unavailable(StoreName, operation, ex);
        }
    }

    private Task<T> InTransactionAsync<T>(
        string operation, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(operation, async connection =>
        {
            // Read committed on purpose: every statement after a lock is taken sees what the previous holder committed.
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);

    private protected override Task<T> ReadRowsAsync<T>(string operation, Func<DbConnection, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(operation, connection => work(connection), cancellationToken);

    private protected override Task<T> WriteRowsAsync<T>(
        string operation, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        InTransactionAsync(operation, (connection, transaction) => work(connection, transaction), cancellationToken);

    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
