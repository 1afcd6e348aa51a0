using ChatOps.Bot.Core;

namespace ChatOps.IntegrationTests.Queues;

/// <summary>
/// `queue replay` against RabbitMQ 3.10 with the shovel plugins: messages are dead-lettered by the broker itself
/// (rejected without requeue from a queue with a dead-letter exchange), moved by a dynamic shovel, and every figure
/// is read back from the management API.
/// </summary>
public sealed class RabbitReplayTests : IAsyncLifetime
{
    private readonly RabbitTestBroker _rabbit = new();
    private QueueBot _bot = null!;

    public async Task InitializeAsync()
    {
        await _rabbit.CreateAsync();
        Dictionary<string, string> Broker(bool production) => new()
        {
            ["Url"] = _rabbit.Url,
            ["User"] = _rabbit.User,
            ["Password"] = _rabbit.Password,
            ["VirtualHost"] = _rabbit.VirtualHost,
            ["Production"] = production ? "true" : "false",
            ["RequestTimeout"] = "00:00:05",
        };

        _bot = new QueueBot(new Dictionary<string, Dictionary<string, string>> { ["rabbit"] = Broker(false), ["prod"] = Broker(true) });
        await _bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _rabbit.DisposeAsync();
    }

    [Fact]
    public async Task Replay_WithALimit_MovesExactlyThatMany_BackToTheOrigin_AndLeavesNoShovel()
    {
        await DeadLetterAsync("orders", 10);

        var result = await _bot.RunAsync("alice", "queue replay orders.dead --limit 3 --broker rabbit");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldBe("replayed 3 message(s) from orders.dead on rabbit to orders; 7 left in orders.dead");
        await _rabbit.WaitForDepthAsync("orders", 3);
        await _rabbit.WaitForDepthAsync("orders.dead", 7);
        (await _rabbit.ShovelParametersAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Replay_WithoutFlags_MovesEveryMessage_ToTheOrigin()
    {
        await DeadLetterAsync("orders", 4);

        var result = await _bot.RunAsync("alice", "queue replay orders.dead --broker rabbit");

        result.Text.ShouldBe("replayed 4 message(s) from orders.dead on rabbit to orders; 0 left in orders.dead");
        await _rabbit.WaitForDepthAsync("orders", 4);
    }

    [Fact]
    public async Task Replay_ToANamedQueue_MovesThere()
    {
        await DeadLetterAsync("orders", 4);
        await _rabbit.DeclareQueueAsync("orders-retry");

        var result = await _bot.RunAsync("alice", "queue replay orders.dead --to orders-retry --limit 2 --broker rabbit");

        result.Text.ShouldBe("replayed 2 message(s) from orders.dead on rabbit to orders-retry; 2 left in orders.dead");
        await _rabbit.WaitForDepthAsync("orders-retry", 2);
        (await _rabbit.QueueAsync("orders")).Messages.ShouldBe(0);
    }

    [Fact]
    public async Task Replay_OfMessagesFromSeveralQueues_WithoutTo_IsRefused_AndMovesNothing()
    {
        await DeadLetterAsync("orders", 1);
        await DeadLetterAsync("billing", 1, "orders.dead");

        var result = await _bot.RunAsync("alice", "queue replay orders.dead --broker rabbit");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("refused: the messages to move came from 2 queues (billing, orders): name one with --to; nothing was moved");
        await _rabbit.WaitForDepthAsync("orders.dead", 2);
        (await _rabbit.ShovelParametersAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Replay_ToAQueueThatDoesNotExist_IsRefused()
    {
        await DeadLetterAsync("orders", 2);

        var result = await _bot.RunAsync("alice", "queue replay orders.dead --to nosuch --broker rabbit");

        result.Text.ShouldBe("refused: there is no queue 'nosuch' on broker rabbit to replay to (a replay creates none); nothing was moved");
        (await _rabbit.QueueNamesAsync()).ShouldNotContain("nosuch");
    }

    [Fact]
    public async Task Replay_WithASelector_IsRefused_OnRabbitMq()
    {
        await DeadLetterAsync("orders", 1);

        var result = await _bot.RunAsync("alice", "queue replay orders.dead --selector \"a = 1\" --broker rabbit");

        result.Text.ShouldStartWith("refused: RabbitMQ has no message selectors");
    }

    [Fact]
    public async Task Replay_InProduction_ShowsThePreview_ThenMovesWhenApproved()
    {
        await DeadLetterAsync("orders", 10);

        var request = await _bot.RunAsync("alice", "queue replay orders.dead --limit 3 --broker prod");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain("Replay preview: 3 of 10 matching message(s) in orders.dead to orders, enqueued ");
        request.Text.ShouldContain("x-first-death-queue=orders");
        request.Text.ShouldContain("x-first-death-reason=rejected");
        await _rabbit.WaitForDepthAsync("orders.dead", 10);

        var approved = await _bot.RunAsync("bob", $"approve {request.Reference}");

        approved.Text.ShouldContain("replayed 3 message(s) from orders.dead on prod to orders; 7 left in orders.dead");
    }

    [Fact]
    public async Task Replay_InProduction_OfAMissingDeadLetterQueue_IsRefusedAtOnce()
    {
        var result = await _bot.RunAsync("alice", "queue replay nosuch.dead --broker prod");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldContain("there is no queue 'nosuch.dead' on broker prod");
        (await _bot.PendingApprovalsAsync()).ShouldBe(0);
    }

    /// <summary>A queue dead-lettering through the default exchange into <paramref name="dlq"/>, with messages the broker dead-letters.</summary>
    private async Task DeadLetterAsync(string queue, int count, string? dlq = null)
    {
        dlq ??= $"{queue}.dead";
        await _rabbit.DeclareQueueAsync(dlq);
        await _rabbit.DeclareQueueAsync(queue, new Dictionary<string, object> { ["x-dead-letter-exchange"] = string.Empty, ["x-dead-letter-routing-key"] = dlq });
        var before = (await _rabbit.QueueAsync(dlq)).Messages;
        await _rabbit.PublishAsync(queue, count);
        await _rabbit.RejectAsync(queue, count);
        await _rabbit.WaitForDepthAsync(dlq, before + count);
    }
}
