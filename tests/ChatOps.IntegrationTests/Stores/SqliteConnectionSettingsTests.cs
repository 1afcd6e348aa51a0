using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using ChatOps.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>
/// Every connection the SQLite store hands out waits for the file lock (busy_timeout), syncs each commit to disk
/// (synchronous FULL: an audit record acknowledged is on disk) and enforces foreign keys, whether the pool made it
/// fresh or handed out one it had before, since the settings are applied once per native connection. The one exception
/// is the delivery claims' own kept connection, outside the pool.
/// </summary>
public sealed class SqliteConnectionSettingsTests
{
    [Fact]
    public async Task EveryConnection_FreshOrPooled_HasTheStoresSettings()
    {
        using var dir = new TempDirectory();
        var connectionString = $"Data Source={Path.Combine(dir.Path, "audit.db")}";
        using var store = new SqliteChatOpsStore(connectionString, StoreContractTests.KeysOf("2025"));

        for (var round = 0; round < 3; round++)
        {
            var open = new List<SqliteConnection>();
            for (var i = 0; i < 3; i++)
            {
                // Held open together: the pool makes new native connections for the second and third.
                var connection = await store.OpenConnectionAsync(CancellationToken.None);
                open.Add(connection);
                (await PragmaAsync(connection, "busy_timeout")).ShouldBe(10_000L, $"round {round}, connection {i}");
                (await PragmaAsync(connection, "synchronous")).ShouldBe(2L, "FULL");
                (await PragmaAsync(connection, "foreign_keys")).ShouldBe(1L);
            }

            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }

            if (round == 1)
            {
                // Fresh native connections again: the ones the store configured are gone.
                SqliteConnection.ClearPool(new SqliteConnection(connectionString));
            }
        }
    }

    /// <summary>
    /// Claims commit unsynced on a connection of their own (the next synced commit makes them durable); the audit
    /// writer syncs every batch; and the claims' setting never reaches a connection another write rents, even after the
    /// claim connection was dropped by a failed claim.
    /// </summary>
    [Fact]
    public async Task OnlyTheClaimConnection_CommitsUnsynced_AndItsSettingNeverReachesThePool()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "audit.db");
        using var store = new SqliteChatOpsStore($"Data Source={path}", StoreContractTests.KeysOf("2025"));
        await store.MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;

        (await store.TryClaimAsync("k1", now, now.AddHours(1), CancellationToken.None)).ShouldBeTrue();
        (await store.KeptPragmaAsync(claims: true, "synchronous", CancellationToken.None)).ShouldBe(1L, "NORMAL");
        (await store.KeptPragmaAsync(claims: false, "synchronous", CancellationToken.None)).ShouldBe(2L, "FULL");
        (await store.KeptPragmaAsync(claims: true, "busy_timeout", CancellationToken.None)).ShouldBe(10_000L);

        await using (var admin = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await admin.OpenAsync();
            await using var trigger = admin.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER refuse_boom BEFORE INSERT ON idempotency_keys WHEN NEW.key = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END;";
            await trigger.ExecuteNonQueryAsync();
        }

        await Should.ThrowAsync<AuditStoreUnavailableException>(() => store.TryClaimAsync("boom", now, now.AddHours(1), CancellationToken.None));
        var open = new List<SqliteConnection>();
        for (var i = 0; i < 4; i++)
        {
            open.Add(await store.OpenConnectionAsync(CancellationToken.None));
            (await PragmaAsync(open[^1], "synchronous")).ShouldBe(2L, $"connection {i}: FULL");
        }

        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task<long> PragmaAsync(SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
