using ChatOps.Bot.Core;

namespace ChatOps.IntegrationTests.Queues;

/// <summary>
/// `queue replay` against ActiveMQ 5.17 over real Jolokia: messages are dead-lettered by a real JMS consumer rolling
/// back with no redeliveries left, replayed through the whole pipeline, and every figure is read back from Jolokia.
/// </summary>
public sealed class ActiveMqReplayTests : IAsyncLifetime
{
    private const string Dlq = "ActiveMQ.DLQ";
    private readonly ActiveMqTestBroker _amq = new();
    private QueueBot _bot = null!;

    public async Task InitializeAsync()
    {
        await _amq.StartAsync();
        Dictionary<string, string> Broker(bool production) => new()
        {
            ["Kind"] = "ActiveMq",
            ["Url"] = _amq.Url,
            ["User"] = _amq.User,
            ["Password"] = _amq.Password,
            ["BrokerName"] = _amq.BrokerName,
            ["Production"] = production ? "true" : "false",
            ["RequestTimeout"] = "00:00:05",
        };

        _bot = new QueueBot(new Dictionary<string, Dictionary<string, string>> { ["amq"] = Broker(false), ["prod"] = Broker(true) });
        await _bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _amq.DisposeAsync();
    }

    [Fact]
    public async Task Replay_WithALimit_MovesExactlyThatMany_BackToTheOrigin()
    {
        await DeadLetterAsync("orders", 10);

        var result = await _bot.RunAsync("alice", $"queue replay {Dlq} --limit 3 --broker amq");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldBe($"replayed 3 message(s) from {Dlq} on amq to orders; 7 left in {Dlq}");
        (await _amq.QueueAsync("orders")).Size.ShouldBe(3);
        (await _amq.QueueAsync(Dlq)).Size.ShouldBe(7);
    }

    [Fact]
    public async Task Replay_WithoutFlags_RetriesEveryMessage_ToItsOwnOrigin()
    {
        await DeadLetterAsync("orders", 2);
        await DeadLetterAsync("billing", 3);

        var result = await _bot.RunAsync("alice", $"queue replay {Dlq} --broker amq");

        result.Text.ShouldBe($"replayed 5 message(s) from {Dlq} on amq to each message's original queue (billing, orders); 0 left in {Dlq}");
        (await _amq.QueueAsync("orders")).Size.ShouldBe(2);
        (await _amq.QueueAsync("billing")).Size.ShouldBe(3);
        (await _amq.QueueAsync(Dlq)).Size.ShouldBe(0);
    }

    [Fact]
    public async Task Replay_ToANamedQueue_WithASelector_MovesThere()
    {
        await DeadLetterAsync("orders", 4);
        await _amq.AddQueuesAsync("orders-retry");

        var result = await _bot.RunAsync("alice", $"queue replay {Dlq} --to orders-retry --selector \"JMSPriority >= 0\" --limit 2 --broker amq");

        result.Text.ShouldBe($"replayed 2 message(s) from {Dlq} on amq to orders-retry; 2 left in {Dlq}");
        (await _amq.QueueAsync("orders-retry")).Size.ShouldBe(2);
        (await _amq.QueueAsync("orders")).Size.ShouldBe(0);
    }

    [Fact]
    public async Task Replay_WithALimit_OfMessagesFromSeveralQueues_IsRefused_AndMovesNothing()
    {
        await DeadLetterAsync("orders", 1);
        await DeadLetterAsync("billing", 1);

        var result = await _bot.RunAsync("alice", $"queue replay {Dlq} --limit 2 --broker amq");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("refused: the messages to move came from 2 queues (billing, orders): name one with --to; nothing was moved");
        (await _amq.QueueAsync(Dlq)).Size.ShouldBe(2);
    }

    [Fact]
    public async Task Replay_ToAQueueThatDoesNotExist_IsRefused_AndCreatesNothing()
    {
        await DeadLetterAsync("orders", 2);

        var result = await _bot.RunAsync("alice", $"queue replay {Dlq} --to nosuch --broker amq");

        result.Text.ShouldBe("refused: there is no queue 'nosuch' on broker amq to replay to (a replay creates none); nothing was moved");
        (await _amq.QueueAsync(Dlq)).Size.ShouldBe(2);
    }

    [Fact]
    public async Task Replay_ToACollidingName_IsRefused_NamingTheQueueItWouldReach()
    {
        await DeadLetterAsync("orders", 2);
        await _amq.AddQueuesAsync("p:x");

        var result = await _bot.RunAsync("alice", $"queue replay {Dlq} --to p_x --broker amq");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldStartWith("refused: on broker amq the name 'p_x' reaches queue 'p:x', not queue 'p_x'");
        (await _amq.QueueAsync(Dlq)).Size.ShouldBe(2);
        (await _amq.QueueAsync("p:x")).Size.ShouldBe(0);
    }

    [Fact]
    public async Task Replay_InProduction_ShowsThePreview_ThenMovesWhenApproved()
    {
        await DeadLetterAsync("orders", 10);

        var request = await _bot.RunAsync("alice", $"queue replay {Dlq} --limit 3 --broker prod");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain($"Replay preview: 3 of 10 matching message(s) in {Dlq} to orders, enqueued ");
        request.Text.ShouldContain("first message: JMSMessageID=ID:");
        request.Text.ShouldContain("OriginalDestination=queue://orders");
        (await _amq.QueueAsync(Dlq)).Size.ShouldBe(10);

        var approved = await _bot.RunAsync("bob", $"approve {request.Reference}");

        approved.Text.ShouldContain($"replayed 3 message(s) from {Dlq} on prod to orders; 7 left in {Dlq}");
        (await _amq.QueueAsync("orders")).Size.ShouldBe(3);
    }

    [Fact]
    public async Task Replay_InProduction_OfAMissingDeadLetterQueue_IsRefusedAtOnce()
    {
        var result = await _bot.RunAsync("alice", "queue replay orders.DLQ --broker prod");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldContain("there is no queue 'orders.DLQ' on broker prod");
        (await _bot.PendingApprovalsAsync()).ShouldBe(0);
    }

    /// <summary>Publishes to the queue and has a JMS consumer reject them all, so the broker moves them to its DLQ.</summary>
    private async Task DeadLetterAsync(string queue, int count)
    {
        await _amq.AddQueuesAsync(queue);
        await _amq.PublishAsync(queue, count);
        (await _amq.TakeAsync(queue, count)).ShouldBe(count);
        (await _amq.QueueAsync(queue)).Size.ShouldBe(0);
    }
}
