using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace ChatOps.IntegrationTests.Pipeline;

/// <summary>Break-glass through the host's wiring onto both real stores: the lease counts, the run is marked, the chain verifies.</summary>
public sealed class RealStoreElevationTests
{
    [Fact]
    public async Task Postgres_ElevationAuthorizes_MarksTheRunBreakGlass_AndRevokeEndsIt()
    {
        await using var database = new PostgresTestDatabase("chatops_elevation");
        await database.CreateAsync(CancellationToken.None);
        await using var bot = await RealStoreBot.StartAsync("Postgres", database.ConnectionString);

        await RunScenarioAsync(bot);
    }

    [Fact]
    public async Task Sqlite_ElevationAuthorizes_MarksTheRunBreakGlass_AndRevokeEndsIt()
    {
        using var dir = new TempDirectory();
        await using (var bot = await RealStoreBot.StartAsync("Sqlite", $"Data Source={Path.Combine(dir.Path, "chatops.db")}"))
        {
            await RunScenarioAsync(bot);
        }

        SqliteConnection.ClearAllPools();
    }

    private static async Task RunScenarioAsync(RealStoreBot bot)
    {
        (await bot.RunAsync("carol", "audit verify")).Outcome.ShouldBe(Outcome.Denied);

        var granted = await bot.RunAsync("carol", "elevate admin --for 30m --reason \"verify after restore\"");
        granted.Outcome.ShouldBe(Outcome.Succeeded, granted.Text);
        (await bot.RunAsync("carol", "whoami")).Text.ShouldContain($"{granted.Reference}: admin everywhere");

        var verified = await bot.RunAsync("carol", "audit verify");
        verified.Outcome.ShouldBe(Outcome.Succeeded, verified.Text);
        var records = await bot.Store.QueryAsync(new AuditQuery(Last: 10, UserId: "carol"), CancellationToken.None);
        records.First(r => r.RawText == "audit verify").BreakGlass.ShouldBe(granted.Reference);

        (await bot.RunAsync("carol", "elevate revoke")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("carol", "audit verify")).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("alice", "audit verify")).Outcome.ShouldBe(Outcome.Succeeded, "the chain holding break-glass records verifies");
    }
}
