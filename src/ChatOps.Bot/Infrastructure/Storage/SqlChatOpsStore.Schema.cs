using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>Applying the dialect's numbered migrations, and the readiness round trip.</summary>
public abstract partial class SqlChatOpsStore
{
    public Task MigrateAsync(CancellationToken cancellationToken) =>
        WriteRowsAsync("migrate", async (connection, transaction) =>
        {
            // Lock first: concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog without it.
            await LockAsync(connection, transaction, StoreLock.Migration, cancellationToken);
            await ExecuteAsync(connection, transaction, dialect.VersionTable, cancellationToken);
            await using var current = DbValues.Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
            var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            var latest = dialect.Migrations[^1].Version;
            if (version > latest)
            {
                throw new InvalidOperationException($"The {dialect.StoreName} store has schema version {version}; this build knows up to {latest}.");
            }

            foreach (var (next, sql) in dialect.Migrations.Where(m => m.Version > version))
            {
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using var record = DbValues.Command(connection, transaction, "INSERT INTO schema_version (version) VALUES (@version)");
                record.Add("@version", next);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            return version;
        }, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) =>
        ReadRowsAsync("ping", connection => ExecuteAsync(connection, null, dialect.PingSql, cancellationToken), cancellationToken);

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(connection, transaction, sql);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
