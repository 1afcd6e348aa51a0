using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Queues;

namespace ChatOps.Tests.Features.Queues;

public sealed class QueueCheckTests
{
    [Fact]
    public async Task Check_AHealthyQueue_ShowsItsFigures_AndItsEmptyDeadLetterQueue()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("orders", 12, 10, 2, 4, 3.5, 3.25),
            new DeadLetterTarget("dlx", [new QueueStats("orders.dlq", 0, 0, 0, 0)]));

        var result = await bot.RunAsync("carol", "queue check orders");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Severity.ShouldBe(Severity.Success);
        result.Text.ShouldBe(
            "queue orders on rabbit: healthy\n" +
            "depth 12 (ready 10, unacked 2, warning above 1000), consumers 4, publish 3.5/s, deliver 3.25/s\n" +
            "dead-letter: exchange dlx → orders.dlq (0 messages)");
        result.Fields.Single(f => f.Name == "DLQ depth").Value.ShouldBe("0");
    }

    [Fact]
    public async Task Check_OnActiveMq_ShowsItsCounters_AndTheDeadLetterQueue()
    {
        await using var bot = QueueBots.Create(activeMq: true);
        bot.Queues.Add("amq", new QueueStats("OMS", 40, 30, 10, 2, Counters: new QueueCounters(3, 900, 860, 1)),
            new DeadLetterTarget(null, [new QueueStats("ActiveMQ.DLQ", 5, 5, 0, 0)]));
        bot.Queues.Add("amq", new QueueStats("USAGE", 0, 0, 0, 1, Counters: new QueueCounters(0, 0, 0, 0)), new DeadLetterTarget(null, []));

        var oms = await bot.RunAsync("carol", "queue check OMS --broker amq");
        var usage = await bot.RunAsync("carol", "queue check USAGE --broker amq");

        oms.Severity.ShouldBe(Severity.Warning);
        oms.Text.ShouldBe(
            "queue OMS on amq: DLQ not empty (5)\n" +
            "depth 40 (in flight 10, warning above 1000), consumers 2, producers 3, enqueued 900, dequeued 860, expired 1\n" +
            "dead-letter: queue ActiveMQ.DLQ (5 messages)");
        oms.Fields.Select(f => f.Name).ShouldBe(["Verdict", "Depth", "In flight", "Consumers", "Producers", "Enqueued", "Dequeued", "Expired", "DLQ depth"]);
        usage.Text.ShouldEndWith("dead-letter: no dead-letter queue exists yet (ActiveMQ creates it on the first dead letter)");
        usage.Severity.ShouldBe(Severity.Success);
    }

    [Fact]
    public async Task Check_NamesEveryProblem_InTheVerdict()
    {
        await using var bot = QueueBots.Create(configure: s => s["ChatOps:Brokers:rabbit:Queues:orders:WarningDepth"] = "100");
        bot.Queues.Add("rabbit", new QueueStats("orders", 250, 250, 0, 0),
            new DeadLetterTarget(string.Empty, [new QueueStats("orders.dlq", 7, 7, 0, 0)]));

        var result = await bot.RunAsync("carol", "queue check orders");

        result.Severity.ShouldBe(Severity.Warning);
        result.Text.ShouldStartWith("queue orders on rabbit: backlog over threshold (250 > 100); no consumers; DLQ not empty (7)\n");
        result.Text.ShouldEndWith("dead-letter: the default exchange → orders.dlq (7 messages)");
    }

    [Fact]
    public async Task Check_SaysWhenTheDeadLetterQueueCannotBeResolved_OrNoneIsConfigured()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("a", 0, 0, 0, 1), new DeadLetterTarget("events", [], "it is a topic exchange"));
        bot.Queues.Add("rabbit", new QueueStats("b", 0, 0, 0, 1));

        var a = await bot.RunAsync("carol", "queue check a");
        var b = await bot.RunAsync("carol", "queue check b");

        a.Text.ShouldEndWith("dead-letter: exchange events; its queue cannot be resolved (it is a topic exchange)");
        a.Fields.Single(f => f.Name == "DLQ depth").Value.ShouldBe("-");
        b.Text.ShouldEndWith("dead-letter: none configured");
    }

    [Fact]
    public async Task Check_AnUnknownQueue_ListsTheClosestNames()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("orders", 1, 1, 0, 1));
        bot.Queues.Add("rabbit", new QueueStats("orders.dlq", 0, 0, 0, 0));
        bot.Queues.Add("rabbit", new QueueStats("payments", 0, 0, 0, 1));

        var result = await bot.RunAsync("carol", "queue check ordres");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("there is no queue 'ordres' on broker rabbit; did you mean `orders`?");
    }
}
