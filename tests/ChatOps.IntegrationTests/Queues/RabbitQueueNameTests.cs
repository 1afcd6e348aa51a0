using ChatOps.Bot.Core;

namespace ChatOps.IntegrationTests.Queues;

/// <summary>
/// Issue #20.6 on RabbitMQ 3.10's management API: a queue name reaches exactly that queue of the configured virtual
/// host (whose name has a '/'), whatever it holds, or the command is refused before anything is sent.
/// </summary>
[Trait("Category", "Adversarial")]
public sealed class RabbitQueueNameTests : IAsyncLifetime
{
    private readonly RabbitTestBroker _rabbit = new();
    private QueueBot _bot = null!;

    public async Task InitializeAsync()
    {
        await _rabbit.CreateAsync();
        _bot = new QueueBot(new Dictionary<string, Dictionary<string, string>>
        {
            ["rabbit"] = new()
            {
                ["Url"] = _rabbit.Url,
                ["User"] = _rabbit.User,
                ["Password"] = _rabbit.Password,
                ["VirtualHost"] = _rabbit.VirtualHost,
                ["RequestTimeout"] = "00:00:05",
            },
        });
        await _bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _rabbit.DisposeAsync();
    }

    [Fact]
    public async Task DotSegmentNames_AreRefused_AndTheQueueTheServerWouldReachInstead_KeepsItsMessages()
    {
        // RabbitMQ's HTTP server decodes %2E and then removes dot segments: DELETE /api/queues/<vh>/%2E/contents
        // would purge the queue named "contents", and GET /api/queues/<vh>/.. lists every virtual host's queues.
        await _rabbit.DeclareQueueAsync("contents");
        await _rabbit.PublishAsync("contents", 4);
        await _rabbit.DeclareOverAmqpAsync("..");

        var check = await _bot.RunAsync("alice", "queue check .. --broker rabbit");
        var purge = await _bot.RunAsync("alice", "queue purge . --broker rabbit");

        check.Outcome.ShouldBe(Outcome.Failed);
        check.Text.ShouldBe("refused: on broker rabbit the name '..' reaches '/api/queues/' of the management API, not queue '..' " +
            "(the management API's HTTP server reads '.' and '..' as path steps)");
        purge.Outcome.ShouldBe(Outcome.Failed);
        purge.Text.ShouldStartWith("refused: on broker rabbit the name '.' reaches '/api/queues/");
        purge.Text.ShouldEndWith("; nothing was purged");
        (await _rabbit.QueueAsync("contents")).Messages.ShouldBe(4);
        (await _rabbit.QueueNamesAsync()).ShouldContain("..");
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("...")]
    [InlineData("%")]
    [InlineData("%2E")]
    [InlineData("a/b")]
    [InlineData("a/../b")]
    [InlineData("#")]
    [InlineData("?x=1")]
    [InlineData("été ✓")]
    public async Task OddNames_ReachExactlyTheirOwnQueue_ForCheckAndPurge(string queue)
    {
        await _rabbit.DeclareQueueAsync(queue);
        await _rabbit.DeclareQueueAsync("b");
        await _rabbit.PublishAsync(queue, 3);
        await _rabbit.PublishAsync("b", 2);

        var check = await _bot.RunAsync("alice", $"queue check \"{queue}\" --broker rabbit");
        var purge = await _bot.RunAsync("alice", $"queue purge \"{queue}\" --broker rabbit");

        check.Outcome.ShouldBe(Outcome.Succeeded, check.Text);
        check.Text.ShouldStartWith($"queue {queue} on rabbit: ");
        check.Fields.Single(f => f.Name == "Depth").Value.ShouldBe("3");
        purge.Text.ShouldBe($"purged queue {queue} on rabbit: 3 message(s) removed (depth 3 → 0)");
        (await _rabbit.QueueAsync("b")).Messages.ShouldBe(2);
    }
}
