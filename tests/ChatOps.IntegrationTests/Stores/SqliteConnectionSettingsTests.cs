using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using ChatOps.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>
/// Every connection the SQLite store hands out waits for the file lock (busy_timeout), syncs each commit to disk
/// (synchronous FULL: an audit record acknowledged is on disk) and enforces foreign keys, whether the pool made it
/// fresh or handed out one it had before, since the settings are applied once per native connection.
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

    private static async Task<long> PragmaAsync(SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
