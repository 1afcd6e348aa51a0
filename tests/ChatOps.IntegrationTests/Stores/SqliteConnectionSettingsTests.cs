using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using ChatOps.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>
/// Every connection the SQLite store hands out waits for the file lock (busy_timeout), syncs each commit to disk
/// (synchronous FULL: an audit record acknowledged is on disk) and enforces foreign keys, whether the pool made it
/// fresh or handed out one it had before, since the settings are applied once per native connection. The one exception
/// is a delivery claim's own commit, on the kept writer connection outside the pool.
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
    /// A claim commits unsynced (the next synced commit makes it durable); the audit batches on the same kept connection
    /// sync every commit, before and after a claim, and after a failed one; and the claims' setting never reaches a
    /// connection another write rents.
    /// </summary>
    [Fact]
    public async Task OnlyAClaimsCommit_IsUnsynced_AndItsSettingNeitherOutlivesItNorReachesThePool()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "audit.db");
        using var store = new SqliteChatOpsStore($"Data Source={path}", StoreContractTests.KeysOf("2025"));
        await store.MigrateAsync(CancellationToken.None);
        var atCommit = new List<long>();
        store.BeforeClaimCommit = connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            atCommit.Add((long)command.ExecuteScalar()!);
        };
        var now = DateTimeOffset.UtcNow;

        (await store.KeptPragmaAsync("synchronous", CancellationToken.None)).ShouldBe(2L, "FULL before any claim");
        (await store.TryClaimAsync("k1", now, now.AddHours(1), CancellationToken.None)).ShouldBeTrue();
        (await store.TryClaimAsync("k1", now, now.AddHours(1), CancellationToken.None)).ShouldBeFalse();
        atCommit.ShouldBe([1L, 1L], "NORMAL at each claim's commit");
        (await store.KeptPragmaAsync("synchronous", CancellationToken.None)).ShouldBe(2L, "FULL again after the claims");
        (await store.KeptPragmaAsync("busy_timeout", CancellationToken.None)).ShouldBe(10_000L);

        await using (var admin = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await admin.OpenAsync();
            await using var trigger = admin.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER refuse_boom BEFORE INSERT ON idempotency_keys WHEN NEW.key = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END;";
            await trigger.ExecuteNonQueryAsync();
        }

        await Should.ThrowAsync<AuditStoreUnavailableException>(() => store.TryClaimAsync("boom", now, now.AddHours(1), CancellationToken.None));
        (await store.KeptPragmaAsync("synchronous", CancellationToken.None)).ShouldBe(2L, "FULL after a failed claim");
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
