using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Hosting;
using ChatOps.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOps.IntegrationTests.Pipeline;

/// <summary>Commands through the real pipeline onto both real stores: audit, tamper detection, fail closed.</summary>
public sealed class RealStorePipelineTests
{
    private const string Secret = "pw-must-not-leak-31c";

    [Fact]
    public async Task Postgres_AuditsEveryCommand_AndVerifyNamesARowChangedWithSql()
    {
        await using var database = new PostgresTestDatabase("chatops_pipeline");
        await database.CreateAsync(CancellationToken.None);
        await using var bot = await RealStoreBot.StartAsync("Postgres", database.ConnectionString);

        await RunScenarioAsync(bot, sql => database.ExecuteAsync(sql, CancellationToken.None));
    }

    [Fact]
    public async Task Sqlite_AuditsEveryCommand_AndVerifyNamesARowChangedWithSql()
    {
        using var dir = new TempDirectory();
        var connectionString = $"Data Source={Path.Combine(dir.Path, "nested", "chatops.db")}";
        await using var bot = await RealStoreBot.StartAsync("Sqlite", connectionString);

        await RunScenarioAsync(bot, async sql =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        });
        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("Sqlite")]
    public async Task UnreachableStore_RefusesMutatingCommands_AndIsNotReady(string provider)
    {
        using var dir = new TempDirectory();
        var connectionString = provider == "Postgres"
            ? PostgresTestDatabase.Unreachable(Secret)
            : $"Data Source={dir.Path}"; // a directory: SQLite cannot open it, even as root
        await using var bot = await RealStoreBot.StartAsync(provider, connectionString, migrate: false);

        var approve = await bot.RunAsync("alice", "approve r-abc123");
        var help = await bot.RunAsync("alice", "help");
        var health = await new StoreHealthCheck(bot.Store, bot.Get<PendingAuditRecords>()).CheckHealthAsync(new HealthCheckContext());

        approve.Text.ShouldBe("audit store unavailable: nothing was changed");
        help.Outcome.ShouldBe(Outcome.Succeeded, "read-only commands keep answering");
        health.Status.ShouldBe(HealthStatus.Unhealthy);
        health.Description.ShouldBe("audit store unavailable");
        var error = await Should.ThrowAsync<AuditStoreUnavailableException>(() => bot.Store.PingAsync(CancellationToken.None));
        error.Message.ShouldNotContain(Secret);
    }

    private static async Task RunScenarioAsync(RealStoreBot bot, Func<string, Task> sql)
    {
        (await bot.RunAsync("alice", "whoami")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("carol", "audit verify")).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("alice", "audit --last nope")).Outcome.ShouldBe(Outcome.Invalid);
        (await bot.RunAsync("alice", "deny r-abc123 nope")).Outcome.ShouldBe(Outcome.Denied);

        var records = await bot.Store.QueryAsync(new AuditQuery(10), CancellationToken.None);
        records.Select(r => r.Decision).ShouldBe([AuditDecision.Denied, AuditDecision.Invalid, AuditDecision.Denied, AuditDecision.Allowed]);
        var shown = await bot.RunAsync("carol", "audit --last 3");
        shown.Tables[0].Rows.Select(r => r[5]).ShouldBe(["denied (there is no approval request r-abc123)", "invalid (--last must be a whole number, not 'nope')", "denied (denied: `audit verify` needs admin (everywhere); console:carol has viewer there)"]);

        var intact = await bot.RunAsync("alice", "audit verify");
        intact.Text.ShouldStartWith("audit chain intact: 6 records verified", customMessage: "deny is mutating: two entries");

        await sql("UPDATE audit_entries SET raw_text = 'whoami --as root' WHERE seq = 1");
        var broken = await bot.RunAsync("alice", "audit verify");

        broken.Outcome.ShouldBe(Outcome.Failed);
        broken.Text.ShouldStartWith($"audit chain BROKEN at record #1 (request {records[^1].RequestId}): its content does not match its hash");
    }
}
