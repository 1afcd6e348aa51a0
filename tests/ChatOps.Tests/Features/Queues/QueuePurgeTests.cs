using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Queues;

namespace ChatOps.Tests.Features.Queues;

public sealed class QueuePurgeTests
{
    [Fact]
    public async Task Purge_OnANonProductionBroker_RunsAtOnce_AndSaysHowManyWereRemoved()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("orders", 42, 40, 2, 1));

        var result = await bot.RunAsync("alice", "queue purge orders");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldBe("purged queue orders on rabbit: 40 message(s) removed (depth 42 → 2); 2 unacknowledged message(s) stay with their consumers");
        bot.Queues.Purged.ShouldBe(["rabbit/orders"]);
    }

    [Fact]
    public async Task Purge_NeedsAdmin()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("orders", 42, 42, 0, 1));

        var result = await bot.RunAsync("oscar", "queue purge orders");

        result.Outcome.ShouldBe(Outcome.Denied);
        bot.Queues.Purged.ShouldBeEmpty();
    }

    [Fact]
    public async Task Purge_OnAProductionBroker_AsksForApproval_ShowingTheCurrentDepth_ThenPurgesWhenApproved()
    {
        await using var bot = QueueBots.Create(production: true);
        bot.Queues.Add("rabbit", new QueueStats("orders", 42, 40, 2, 0));

        var request = await bot.RunAsync("alice", "queue purge orders");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval);
        request.Text.ShouldContain("\nCurrent depth: 42 message(s) in orders (40 ready, 2 unacked), 0 consumer(s)");
        request.Fields.ShouldContain(f => f.Name == "Current depth" && f.Value.StartsWith("42 message(s)", StringComparison.Ordinal));
        bot.Queues.Purged.ShouldBeEmpty();

        var approved = await bot.RunAsync("bob", $"approve {request.Reference}");

        approved.Text.ShouldContain("purged queue orders on rabbit: 40 message(s) removed (depth 42 → 2)");
        bot.Queues.Purged.ShouldBe(["rabbit/orders"]);
    }

    [Fact]
    public async Task Purge_OfAnUnknownQueue_PurgesNothing_AndListsCloseNames()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("orders", 1, 1, 0, 1));

        var result = await bot.RunAsync("alice", "queue purge order");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("there is no queue 'order' on broker rabbit; did you mean `orders`?; nothing was purged");
        bot.Queues.Purged.ShouldBeEmpty();
    }

    [Fact]
    public async Task Purge_WhenTheBrokerIsUnreachable_SaysSo_AndThatNothingWasPurged()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Failure = new PortFailure("broker rabbit is unreachable (ConnectionError)");

        var result = await bot.RunAsync("alice", "queue purge orders");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("broker rabbit is unreachable (ConnectionError); nothing was purged");
    }
}
