using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Queues;

namespace ChatOps.Tests.Features.Queues;

public sealed class QueueListTests
{
    [Fact]
    public async Task List_ShowsDeepestFirst_AndFlagsBacklogsAndQueuesWithoutConsumers()
    {
        await using var bot = QueueBots.Create(configure: s => s["ChatOps:Brokers:rabbit:Queues:audit:WarningDepth"] = "10");
        bot.Queues.Add("rabbit", new QueueStats("orders", 1500, 1490, 10, 3, 12.5, 11));
        bot.Queues.Add("rabbit", new QueueStats("audit", 20, 20, 0, 1));
        bot.Queues.Add("rabbit", new QueueStats("mail", 5, 5, 0, 0));
        bot.Queues.Add("rabbit", new QueueStats("idle", 0, 0, 0, 0));

        var result = await bot.RunAsync("carol", "queue list");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        var table = result.Tables.ShouldHaveSingleItem();
        table.Columns.ShouldBe(["queue", "depth", "ready", "unacked", "consumers", "publish/s", "deliver/s", "flag"]);
        table.Rows.Select(r => r[0]).ShouldBe(["orders", "audit", "mail", "idle"]);
        table.Rows[0].ShouldBe(["orders", "1500", "1490", "10", "3", "12.5", "11", "backlog over threshold (1500 > 1000)"]);
        table.Rows[1][7].ShouldBe("backlog over threshold (20 > 10)");
        table.Rows[2][7].ShouldBe("no consumers");
        table.Rows[2][5].ShouldBe("-");
        table.Rows[3][7].ShouldBe(string.Empty);
        table.Caption.ShouldBe("4 queue(s) on broker rabbit, deepest first; 3 flagged");
        bot.Store.Entries[^1].Record.Target.ShouldBe("rabbit");
    }

    [Fact]
    public async Task List_HonoursTheLimit_AndSaysHowManyThereAre()
    {
        await using var bot = QueueBots.Create();
        for (var i = 1; i <= 5; i++)
        {
            bot.Queues.Add("rabbit", new QueueStats($"q{i}", i, i, 0, 1));
        }

        var result = await bot.RunAsync("carol", "queue list --limit 2");

        result.Tables[0].Rows.Select(r => r[0]).ShouldBe(["q5", "q4"]);
        result.Tables[0].Caption.ShouldBe("2 of 5 queue(s) on broker rabbit, deepest first; 0 flagged");
    }

    [Fact]
    public async Task List_WithoutBroker_WhenSeveralAreConfigured_AsksForOne_NamingThoseTheUserMayUse()
    {
        await using var bot = QueueBots.Create(secondBroker: true);

        var admin = await bot.RunAsync("alice", "queue list");
        var scoped = await bot.RunAsync("oscar", "queue list");
        var unknown = await bot.RunAsync("alice", "queue list --broker nope");

        admin.Outcome.ShouldBe(Outcome.Invalid);
        admin.Text.ShouldStartWith("several brokers are configured: give --broker <name> (you may use: rabbit, rabbit-eu)");
        scoped.Text.ShouldStartWith("several brokers are configured: give --broker <name> (you may use: rabbit)");
        unknown.Text.ShouldStartWith("'nope' is not a configured broker (you may use: rabbit, rabbit-eu)");
    }

    [Fact]
    public async Task List_OnAnActiveMqBroker_GoesToThatBroker()
    {
        await using var bot = QueueBots.Create(activeMq: true);
        bot.Queues.Add("amq", new QueueStats("OMS", 600, 600, 0, 0, Counters: new QueueCounters(1, 600, 0, 0)));
        bot.Queues.Add("rabbit", new QueueStats("orders", 5, 5, 0, 1));

        var result = await bot.RunAsync("alice", "queue list --broker amq");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldStartWith("1 queue(s) on broker amq, deepest first; 1 flagged\n");
        result.Tables.Single().Rows.Single()[0].ShouldBe("OMS");
    }

    [Fact]
    public async Task List_WhenTheBrokerRefuses_SaysWhich_AndFails()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Failure = new PortFailure("broker rabbit refused the bot's credentials (401)");

        var result = await bot.RunAsync("carol", "queue list");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("broker rabbit refused the bot's credentials (401)");
        result.Text.ShouldNotContain("never-shown");
    }
}
