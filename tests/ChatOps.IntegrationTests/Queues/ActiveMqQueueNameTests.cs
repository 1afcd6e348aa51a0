using ChatOps.Bot.Core;

namespace ChatOps.IntegrationTests.Queues;

/// <summary>
/// Issue #18.1 on ActiveMQ 5.17 over real Jolokia: the broker registers <c>p:x</c> under the JMX name of <c>p_x</c>, so
/// <c>p_x</c>, holding messages of its own, has no MBean. The bot must act on exactly the queue named or refuse.
/// </summary>
[Trait("Category", "Adversarial")]
public sealed class ActiveMqQueueNameTests : IAsyncLifetime
{
    private readonly ActiveMqTestBroker _amq = new();
    private QueueBot _bot = null!;

    public async Task InitializeAsync()
    {
        await _amq.StartAsync();
        _bot = new QueueBot(new Dictionary<string, Dictionary<string, string>>
        {
            ["amq"] = new()
            {
                ["Kind"] = "ActiveMq",
                ["Url"] = _amq.Url,
                ["User"] = _amq.User,
                ["Password"] = _amq.Password,
                ["BrokerName"] = _amq.BrokerName,
                ["RequestTimeout"] = "00:00:05",
            },
        });
        await _bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _amq.DisposeAsync();
    }

    [Fact]
    public async Task PurgeAndCheck_OfAQueueWhoseJmxNameAnotherQueueOwns_AreRefused_AndEmptyNeither()
    {
        await _amq.AddQueuesAsync("p:x");
        await _amq.PublishAsync("p:x", 3);
        await _amq.MoveIntoAsync("p_x", 5);

        var check = await _bot.RunAsync("alice", "queue check p_x --broker amq");
        var purge = await _bot.RunAsync("alice", "queue purge p_x --broker amq");

        const string Refusal = "refused: on broker amq the name 'p_x' reaches queue 'p:x', not queue 'p_x' " +
            "(ActiveMQ registers both under the same JMX name, and that MBean is the other queue's)";
        check.Outcome.ShouldBe(Outcome.Failed);
        check.Text.ShouldBe(Refusal);
        purge.Outcome.ShouldBe(Outcome.Failed);
        purge.Text.ShouldBe($"{Refusal}; nothing was purged");
        (await _amq.QueueAsync("p:x")).Size.ShouldBe(3);
        (await _amq.TakeAsync("p_x", 5)).ShouldBe(5);
    }

    [Fact]
    public async Task ListShowsRealNames_AndTheQueueThatOwnsTheMBean_IsCheckedAndPurged()
    {
        await _amq.AddQueuesAsync("p:x");
        await _amq.PublishAsync("p:x", 3);
        await _amq.MoveIntoAsync("p_x", 5);

        var list = await _bot.RunAsync("alice", "queue list --broker amq");
        var purge = await _bot.RunAsync("alice", "queue purge \"p:x\" --broker amq");

        list.Tables[0].Rows.Select(r => r[0]).ShouldNotContain("p_x");
        list.Tables[0].Rows.Select(r => r[0]).ShouldContain("p:x");
        purge.Text.ShouldBe("purged queue p:x on amq: 3 message(s) removed (depth 3 → 0)");
        (await _amq.TakeAsync("p_x", 5)).ShouldBe(5);
    }

    // ',' and '?' cannot be in a queue's name at all: ActiveMQ reads "a,b" as the composite of a and b, "a?b" as a with options.
    [Theory]
    [InlineData("a=b", "a&amp;b")]
    [InlineData("a*b", "a&ast;b")]
    [InlineData("a'b", "a_b")]
    [InlineData("a\"b", "a_b")]
    public async Task EachCharacterJmxReplaces_IsRefusedWhenItsTwinOwnsTheMBean(string owner, string requested)
    {
        await _amq.AddQueuesAsync(owner);
        await _amq.PublishAsync(owner, 2);
        var quoted = requested.Contains('"', StringComparison.Ordinal) ? $"'{requested}'" : $"\"{requested}\"";

        var purge = await _bot.RunAsync("alice", $"queue purge {quoted} --broker amq");

        purge.Outcome.ShouldBe(Outcome.Failed);
        purge.Text.ShouldStartWith($"refused: on broker amq the name '{requested}' reaches queue '{owner}', not queue '{requested}' (");
        purge.Text.ShouldEndWith("; nothing was purged");
        (await _amq.QueueAsync(owner)).Size.ShouldBe(2);
    }

    [Theory]
    [InlineData("orders/eu")]
    [InlineData("orders eu")]
    [InlineData("a:b")]
    public async Task NamesWithSlashesSpacesOrReplacedCharacters_ReachTheirOwnQueue(string queue)
    {
        await _amq.AddQueuesAsync(queue);
        await _amq.PublishAsync(queue, 4);

        var check = await _bot.RunAsync("alice", $"queue check \"{queue}\" --broker amq");
        var purge = await _bot.RunAsync("alice", $"queue purge \"{queue}\" --broker amq");

        check.Text.ShouldStartWith($"queue {queue} on amq: ");
        purge.Text.ShouldBe($"purged queue {queue} on amq: 4 message(s) removed (depth 4 → 0)");
        (await _amq.QueueAsync(queue)).Size.ShouldBe(0);
    }
}
