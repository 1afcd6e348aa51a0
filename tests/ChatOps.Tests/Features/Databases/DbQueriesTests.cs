using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Databases;

namespace ChatOps.Tests.Features.Databases;

public sealed class DbQueriesTests
{
    [Fact]
    public async Task Queries_ListsActiveSessionsLongestFirst_WithSecretsMasked_AndSaysWhatItLeftOut()
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(101, TimeSpan.FromSeconds(40));
        bot.Databases.Add(102, TimeSpan.FromMinutes(7), query: "ALTER ROLE app PASSWORD 'hunter2'");
        bot.Databases.Add(103, TimeSpan.FromHours(2), state: "idle");
        bot.Databases.Add(104, TimeSpan.FromMinutes(1), state: "idle in transaction");

        var result = await bot.RunAsync("carol", "db queries");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        var table = result.Tables.ShouldHaveSingleItem();
        table.Columns.ShouldBe(["session", "user", "application", "client", "state", "duration", "wait", "query"]);
        table.Rows.Select(r => r[0].Split('@')[0]).ShouldBe(["102", "101"]);
        table.Rows[0][5].ShouldBe("7m");
        table.Rows[0][7].ShouldBe("ALTER ROLE app PASSWORD ***");
        table.Caption.ShouldBe("2 of 2 active sessions on coredb, longest first (not shown: 1 idle, 1 idle in transaction; --state all shows every session)");
        result.Text.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task Queries_FiltersByStateAndDuration_AndHonoursTheLimit()
    {
        await using var bot = DbBots.Create();
        for (var pid = 1; pid <= 30; pid++)
        {
            bot.Databases.Add(pid, TimeSpan.FromMinutes(pid), state: pid % 2 == 0 ? "idle in transaction" : "active");
        }

        var result = await bot.RunAsync("carol", "db queries --state idle-in-transaction --longer-than 10m --limit 3");

        result.Tables[0].Rows.Select(r => r[0].Split('@')[0]).ShouldBe(["30", "28", "26"]);
        result.Tables[0].Caption!.ShouldStartWith("3 of 11 idle-in-transaction sessions running 10m or longer on coredb");
    }

    [Fact]
    public async Task Queries_NeverShowTheBotsOwnConnections()
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(1, TimeSpan.FromMinutes(1), change: s => s with { IsBot = true });
        bot.Databases.Add(2, TimeSpan.FromMinutes(1));

        var result = await bot.RunAsync("carol", "db queries --state all");

        result.Tables[0].Rows.Select(r => r[0].Split('@')[0]).ShouldBe(["2"]);
    }

    [Fact]
    public async Task Queries_WithoutDb_UsesTheOnlyConfiguredDatabase()
    {
        await using var bot = DbBots.Create();

        var result = await bot.RunAsync("carol", "db queries");

        result.Text.ShouldBe("no active sessions on coredb");
        bot.Store.Entries[^1].Record.Target.ShouldBe("coredb");
    }

    [Fact]
    public async Task Queries_WithoutDb_WhenSeveralAreConfigured_AsksForOne_NamingThoseTheUserMayUse()
    {
        await using var bot = DbBots.Create(secondDatabase: true);

        var admin = await bot.RunAsync("alice", "db queries");
        var scoped = await bot.RunAsync("oscar", "db queries");

        admin.Outcome.ShouldBe(Outcome.Invalid);
        admin.Text.ShouldStartWith("several databases are configured: give --db <name> (you may use: coredb, reports)\nusage: db queries");
        scoped.Text.ShouldStartWith("several databases are configured: give --db <name> (you may use: coredb)");
    }

    [Fact]
    public async Task Queries_OnAnUnknownDatabase_IsRefusedWithTheNames()
    {
        await using var bot = DbBots.Create();

        var result = await bot.RunAsync("carol", "db queries --db prod");

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.Split('\n')[0].ShouldBe("'prod' is not a configured database (you may use: coredb)");
    }

    [Fact]
    public async Task Queries_RefuseAConnectionStringAsTheDatabase()
    {
        await using var bot = DbBots.Create();

        var result = await bot.RunAsync("alice", "db queries --db \"Host=evil;Username=postgres\"");

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldStartWith("--db 'Host=evil;Username=postgres' is not a valid name");
    }

    [Fact]
    public async Task Queries_WithoutARoleOnTheDatabase_AreDenied()
    {
        await using var bot = DbBots.Create();

        var result = await bot.RunAsync("dave", "db queries --db coredb");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe("denied: `db queries` needs viewer on coredb; console:dave has no role there");
    }

    [Fact]
    public async Task Queries_WhenTheDatabaseIsDown_SayOneLine_AuditedAsThatFailedAnswer()
    {
        await using var bot = DbBots.Create();
        const string down = "database coredb could not be queried: Failed to connect to 10.0.0.9:5432 (ConnectionRefused)";
        bot.Databases.Unavailable = new PortFailure(down);

        var result = await bot.RunAsync("carol", "db queries");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe(down);
        var record = bot.Store.Entries[^1].Record;
        (record.Decision, record.Outcome, record.Error).ShouldBe((AuditDecision.Allowed, AuditOutcome.Failed, down));
    }

    [Theory]
    [InlineData("db queries --longer-than 5", "--longer-than must be a duration like 90s, 5m, 1h or 1h30m, not '5'")]
    [InlineData("db queries --state running", "--state must be one of active, idle, idle-in-transaction, all, not 'running'")]
    [InlineData("db queries --limit 0", "--limit must be between 1 and 100, not 0")]
    public async Task Queries_BadInput_GetsOneLine_AndNothingRuns(string text, string error)
    {
        await using var bot = DbBots.Create();

        var result = await bot.RunAsync("carol", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.Split('\n')[0].ShouldBe(error);
    }
}
