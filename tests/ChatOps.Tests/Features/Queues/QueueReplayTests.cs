using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Queues;

namespace ChatOps.Tests.Features.Queues;

public sealed class QueueReplayTests
{
    [Fact]
    public async Task Replay_OnANonProductionBroker_RunsAtOnce_AndSaysHowManyMovedAndHowManyAreLeft()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("orders.dead", 10, 10, 0, 0));

        var result = await bot.RunAsync("oscar", "queue replay orders.dead --limit 3");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldBe("replayed 3 message(s) from orders.dead on rabbit to orders; 7 left in orders.dead");
        bot.Queues.Replayed.ShouldBe(["rabbit/orders.dead -> orders: 3"]);
    }

    [Fact]
    public async Task Replay_PassesTo_Limit_AndSelector_ToTheBroker()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("orders.dead", 5, 5, 0, 0));

        var result = await bot.RunAsync("oscar", "queue replay orders.dead --to orders-retry --limit 2");

        result.Text.ShouldBe("replayed 2 message(s) from orders.dead on rabbit to orders-retry; 3 left in orders.dead");
    }

    [Fact]
    public async Task Replay_NeedsOperator()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("orders.dead", 5, 5, 0, 0));

        var result = await bot.RunAsync("carol", "queue replay orders.dead");

        result.Outcome.ShouldBe(Outcome.Denied);
        bot.Queues.Replayed.ShouldBeEmpty();
    }

    [Fact]
    public async Task Replay_OnAProductionBroker_AsksForApproval_WithThePreview_ThenMovesWhenApproved()
    {
        await using var bot = QueueBots.Create(production: true);
        bot.Queues.Add("rabbit", new QueueStats("orders.dead", 10, 10, 0, 0));

        var request = await bot.RunAsync("oscar", "queue replay orders.dead --limit 3");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval);
        request.Text.ShouldContain(
            "\nReplay preview: 3 of 10 matching message(s) in orders.dead to orders, enqueued 2026-01-02 03:04:05Z … 2026-01-02 03:07:05Z; " +
            "first message: OriginalDestination=queue://orders");
        bot.Queues.Replayed.ShouldBeEmpty();

        var approved = await bot.RunAsync("bob", $"approve {request.Reference}");

        approved.Text.ShouldContain("replayed 3 message(s) from orders.dead on rabbit to orders; 7 left in orders.dead");
        bot.Queues.Replayed.ShouldBe(["rabbit/orders.dead -> orders: 3"]);
    }

    [Fact]
    public async Task Replay_OfAMissingDeadLetterQueue_InProduction_IsRefusedBeforeApproval()
    {
        await using var bot = QueueBots.Create(production: true);
        bot.Queues.Add("rabbit", new QueueStats("orders.dead", 1, 1, 0, 0));

        var result = await bot.RunAsync("oscar", "queue replay orders.deaf");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldContain("there is no queue 'orders.deaf' on broker rabbit");
        result.Text.ShouldNotContain("approve");
        bot.Queues.Replayed.ShouldBeEmpty();
    }

    [Fact]
    public async Task Replay_ARefusedDestination_InProduction_IsRefusedBeforeApproval()
    {
        await using var bot = QueueBots.Create(production: true);
        bot.Queues.Add("rabbit", new QueueStats("orders.dead", 1, 1, 0, 0));
        bot.Queues.Refusal = new ReplayRefusedException("refused: there is no queue 'nope' on broker rabbit to replay to (a replay creates none)");

        var result = await bot.RunAsync("oscar", "queue replay orders.dead --to nope");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldContain("there is no queue 'nope' on broker rabbit to replay to");
        bot.Queues.Replayed.ShouldBeEmpty();
    }

    [Fact]
    public async Task Replay_OfAnUnknownQueue_MovesNothing_AndListsCloseNames()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("orders.dead", 1, 1, 0, 0));

        var result = await bot.RunAsync("oscar", "queue replay orders.deaf");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("there is no queue 'orders.deaf' on broker rabbit; did you mean `orders.dead`?; nothing was moved");
    }

    [Fact]
    public async Task Replay_Refused_SaysNothingWasMoved()
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("orders.dead", 1, 1, 0, 0));
        bot.Queues.Refusal = new ReplayRefusedException("refused: the messages to move came from 2 queues (a, b): name one with --to");

        var result = await bot.RunAsync("oscar", "queue replay orders.dead --limit 1");

        result.Text.ShouldBe("refused: the messages to move came from 2 queues (a, b): name one with --to; nothing was moved");
    }

    [Theory]
    [InlineData("queue replay orders.dead --to orders.dead", "--to names the dead-letter queue itself")]
    [InlineData("queue replay orders.dead --limit 0", "limit")]
    public async Task Replay_BadInput_GetsOneLine_AndChangesNothing(string command, string expected)
    {
        await using var bot = QueueBots.Create();
        bot.Queues.Add("rabbit", new QueueStats("orders.dead", 1, 1, 0, 0));

        var result = await bot.RunAsync("oscar", command);

        result.Outcome.ShouldNotBe(Outcome.Succeeded);
        result.Text.ShouldContain(expected);
        bot.Queues.Calls.ShouldNotContain(c => c.StartsWith("replay", StringComparison.Ordinal));
    }
}
