using ChatOps.Bot.Infrastructure.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ChatOps.IntegrationTests.Stores;

/// <summary>
/// Migration 8 on a SQLite file written by schema 7: commanders that were surely ids of the incident's platform (or
/// console names, the console identity) become platform-qualified; typed names become <c>legacy:</c>, which matches nobody.
/// </summary>
public sealed class SqliteIncidentIdentityMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "chatops-migrate-" + Guid.NewGuid().ToString("N") + ".db");

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task IncidentsOfSchema6_KeepIdsAsIdentities_AndNamesBecomeLegacy_WithTheOldValueAsTheirName()
    {
        await using (var connection = new SqliteConnection($"Data Source={_path};Pooling=false"))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, SqliteSchema.VersionTable);
            foreach (var (version, sql) in SqliteSchema.Migrations.Where(m => m.Version <= 7))
            {
                await ExecuteAsync(connection, sql + $"; INSERT INTO schema_version (version) VALUES ({version});");
            }

            var rows = new (int Seq, string Platform, string Commander, string? Lead)[]
            {
                (1, "slack", "U100", "W200"),
                (2, "slack", "uma", "bob"),
                (3, "teams", "6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f", "Tina Commander"),
                (4, "log", "carol", null),
                (5, "teams", "uma", null),
            };
            foreach (var (seq, platform, commander, lead) in rows)
            {
                await ExecuteAsync(connection,
                    "INSERT INTO incidents (id, year, seq, severity, title, status, commander, lead, services, channel_id, declared_by, " +
                    $"started_at, next_update_at, platform) VALUES ('INC-2025-000{seq}', 2025, {seq}, 'P2', 't', 'Investigating', '{commander}', " +
                    $"{(lead is null ? "NULL" : $"'{lead}'")}, '', 'C1', 'x', 0, 0, '{platform}')");
            }
        }

        using var store = new SqliteChatOpsStore($"Data Source={_path}", StoreContractTests.KeysOf("2025"));
        await store.MigrateAsync(CancellationToken.None);
        var migrated = new List<(string, string, string?, string?)>();
        for (var seq = 1; seq <= 5; seq++)
        {
            var incident = (await store.GetIncidentAsync($"INC-2025-000{seq}", CancellationToken.None)).ShouldNotBeNull();
            migrated.Add((incident.Commander, incident.CommanderName, incident.Lead, incident.LeadName));
        }

        migrated.ShouldBe(
        [
            ("slack:U100", "U100", "slack:W200", "W200"),
            ("legacy:uma", "uma", "legacy:bob", "bob"),
            ("teams:6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f", "6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f", "legacy:Tina Commander", "Tina Commander"),
            ("console:carol", "carol", null, null),
            ("legacy:uma", "uma", null, null),
        ]);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        File.Delete(_path + "-wal");
        File.Delete(_path + "-shm");
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
