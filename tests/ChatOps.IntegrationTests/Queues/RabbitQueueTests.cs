using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChatOps.Bot.Core;

namespace ChatOps.IntegrationTests.Queues;

/// <summary>
/// `queue list`, `queue check` and `queue purge` through the whole pipeline against RabbitMQ 3.10's management API;
/// messages are published through the broker's own API and every figure is compared with what the broker reports.
/// </summary>
public sealed class RabbitQueueTests : IAsyncLifetime
{
    private const string WrongPassword = "pw-must-not-leak-q5";
    private readonly RabbitTestBroker _rabbit = new();
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private QueueBot _bot = null!;

    public async Task InitializeAsync()
    {
        await _rabbit.CreateAsync();
        _silent.Start();
        Dictionary<string, string> Broker(string url, string password, bool production = false) => new()
        {
            ["Url"] = url,
            ["User"] = _rabbit.User,
            ["Password"] = password,
            ["VirtualHost"] = _rabbit.VirtualHost,
            ["Production"] = production ? "true" : "false",
            ["RequestTimeout"] = "00:00:02",
        };

        var rabbit = Broker(_rabbit.Url, _rabbit.Password);
        rabbit["Queues:q-a:WarningDepth"] = "2";
        _bot = new QueueBot(new Dictionary<string, Dictionary<string, string>>
        {
            ["rabbit"] = rabbit,
            ["prod"] = Broker(_rabbit.Url, _rabbit.Password, production: true),
            ["wrongpw"] = Broker(_rabbit.Url, WrongPassword),
            ["down"] = Broker("http://127.0.0.1:1", _rabbit.Password),
            ["silent"] = Broker($"http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}", _rabbit.Password),
        });
        await _bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _silent.Stop();
        await _rabbit.DisposeAsync();
    }

    [Fact]
    public async Task QueueList_ShowsTheBrokersDepthsAndConsumers_DeepestFirst_WithFlags()
    {
        await _rabbit.DeclareQueueAsync("q-a");
        await _rabbit.DeclareQueueAsync("q-b");
        await _rabbit.DeclareQueueAsync("q-c");
        await _rabbit.PublishAsync("q-a", 3);
        await _rabbit.PublishAsync("q-b", 5);

        var result = await _bot.RunAsync("alice", "queue list --broker rabbit");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        var rows = result.Tables[0].Rows;
        rows.Select(r => r[0]).ShouldBe(["q-b", "q-a", "q-c"]);
        foreach (var row in rows)
        {
            var broker = await _rabbit.QueueAsync(row[0]);
            row[1].ShouldBe(broker.Messages.ToString(CultureInfo.InvariantCulture));
            row[2].ShouldBe(broker.Ready.ToString(CultureInfo.InvariantCulture));
            row[4].ShouldBe(broker.Consumers.ToString(CultureInfo.InvariantCulture));
        }

        rows[0][1].ShouldBe("5");
        rows[0][7].ShouldBe("no consumers");
        rows[1][7].ShouldBe("backlog over threshold (3 > 2); no consumers");
        rows[2][7].ShouldBe(string.Empty);
        result.Tables[0].Caption.ShouldBe("3 queue(s) on broker rabbit, deepest first; 2 flagged");
    }

    [Fact]
    public async Task QueueCheck_ResolvesTheDeadLetterQueue_ThroughANamedExchange_AndTheDefaultOne()
    {
        await _rabbit.DeclareExchangeAsync("dlx", "direct");
        await _rabbit.DeclareQueueAsync("orders.dlq");
        await _rabbit.BindAsync("dlx", "orders.dlq", "orders");
        await _rabbit.DeclareQueueAsync("orders", new() { ["x-dead-letter-exchange"] = "dlx" });
        await _rabbit.DeclareQueueAsync("jobs.dlq");
        await _rabbit.DeclareQueueAsync("jobs", new() { ["x-dead-letter-exchange"] = "", ["x-dead-letter-routing-key"] = "jobs.dlq" });
        await _rabbit.PublishAsync("orders", 4);
        await _rabbit.PublishAsync("orders.dlq", 2);

        var orders = await _bot.RunAsync("alice", "queue check orders --broker rabbit");
        var jobs = await _bot.RunAsync("alice", "queue check jobs --broker rabbit");

        orders.Outcome.ShouldBe(Outcome.Succeeded, orders.Text);
        var broker = await _rabbit.QueueAsync("orders");
        orders.Text.ShouldStartWith("queue orders on rabbit: no consumers; DLQ not empty (2)\n" +
            $"depth {broker.Messages} (ready {broker.Ready}, unacked {broker.Unacked}, warning above 1000), consumers {broker.Consumers}, publish ");
        orders.Text.ShouldEndWith($"dead-letter: exchange dlx → orders.dlq ({(await _rabbit.QueueAsync("orders.dlq")).Messages} messages)");
        orders.Fields.Single(f => f.Name == "Depth").Value.ShouldBe("4");
        jobs.Text.ShouldStartWith("queue jobs on rabbit: healthy\n");
        jobs.Text.ShouldEndWith("dead-letter: the default exchange → jobs.dlq (0 messages)");
    }

    [Fact]
    public async Task QueuePurge_RemovesTheMessages_AndReportsTheBrokersDepthBeforeAndAfter()
    {
        await _rabbit.DeclareQueueAsync("purge-me");
        await _rabbit.PublishAsync("purge-me", 7);

        var result = await _bot.RunAsync("alice", "queue purge purge-me --broker rabbit");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldBe("purged queue purge-me on rabbit: 7 message(s) removed (depth 7 → 0)");
        (await _rabbit.QueueAsync("purge-me")).Messages.ShouldBe(0);
    }

    [Fact]
    public async Task AHeldConsumer_ShowsAsConsumersAndUnacked_AndItsMessagesSurviveAPurge()
    {
        await _rabbit.DeclareQueueAsync("held");
        await _rabbit.PublishAsync("held", 5);
        await _rabbit.HoldConsumerAsync("held", prefetch: 3, unacked: 3);

        var list = await _bot.RunAsync("alice", "queue list --broker rabbit");
        var check = await _bot.RunAsync("alice", "queue check held --broker rabbit");
        var purge = await _bot.RunAsync("alice", "queue purge held --broker rabbit");

        var broker = await _rabbit.QueueAsync("held");
        (broker.Messages, broker.Ready, broker.Unacked, broker.Consumers).ShouldBe((3L, 0L, 3L, 1));
        list.Tables[0].Rows.Single(r => r[0] == "held").Skip(1).Take(4).ShouldBe(["5", "2", "3", "1"]);
        check.Text.ShouldContain("depth 5 (ready 2, unacked 3, warning above 1000), consumers 1, ");
        check.Text.ShouldStartWith("queue held on rabbit: healthy\n");
        purge.Text.ShouldBe("purged queue held on rabbit: 2 message(s) removed (depth 5 → 3); 3 unacknowledged message(s) stay with their consumers");
    }

    [Fact]
    public async Task QueuePurge_OnAProductionBroker_ShowsTheDepthToApprovers_AndPurgesOnlyWhenApproved()
    {
        await _rabbit.DeclareQueueAsync("prod-q");
        await _rabbit.PublishAsync("prod-q", 3);

        var request = await _bot.RunAsync("alice", "queue purge prod-q --broker prod");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain("Current depth: 3 message(s) in prod-q (3 ready, 0 unacked), 0 consumer(s)");
        await Task.Delay(1000);
        (await _rabbit.QueueAsync("prod-q")).Messages.ShouldBe(3);

        var approved = await _bot.RunAsync("bob", $"approve {request.Reference}");

        approved.Text.ShouldContain("purged queue prod-q on prod: 3 message(s) removed (depth 3 → 0)");
        (await _rabbit.QueueAsync("prod-q")).Messages.ShouldBe(0);
    }

    [Fact]
    public async Task QueuePurge_OfAMissingQueueOnAProductionBroker_IsRefusedBeforeAnyApproval()
    {
        await _rabbit.DeclareQueueAsync("prod-orders");
        await _rabbit.PublishAsync("prod-orders", 2);

        var request = await _bot.RunAsync("alice", "queue purge NOPE --broker prod");

        request.Outcome.ShouldBe(Outcome.Failed, request.Text);
        request.Text.ShouldBe("there is no queue 'NOPE' on broker prod; no approval was requested and nothing was changed");
        request.Reference.ShouldBeNull();
        (await _bot.PendingApprovalsAsync()).ShouldBe(0);
        (await _rabbit.QueueAsync("prod-orders")).Messages.ShouldBe(2);
    }

    [Fact]
    public async Task UnknownQueue_ListsCloseNames_AndAJustDeclaredQueueIsKnown()
    {
        await _rabbit.DeclareQueueAsync("payments");

        // Before the broker's first statistics for it (about 5 s), the API knows the queue but none of its figures.
        var fresh = await _bot.RunAsync("alice", "queue check payments --broker rabbit");
        fresh.Outcome.ShouldBe(Outcome.Succeeded, fresh.Text);
        fresh.Text.ShouldStartWith("queue payments on rabbit: healthy\n");
        var freshPurge = await _bot.RunAsync("alice", "queue purge payments --broker rabbit");
        freshPurge.Text.ShouldBe("purged queue payments on rabbit: 0 message(s) removed (depth 0 → 0)");

        var check = await _bot.RunAsync("alice", "queue check paymnets --broker rabbit");
        var purge = await _bot.RunAsync("alice", "queue purge paymnets --broker rabbit");

        check.Text.ShouldBe("there is no queue 'paymnets' on broker rabbit; did you mean `payments`?");
        purge.Text.ShouldBe("there is no queue 'paymnets' on broker rabbit; did you mean `payments`?; nothing was purged");
    }

    [Fact]
    public async Task BrokerErrors_NameTheBroker_NeverTheCredentials_AndAreBounded()
    {
        var refused = await _bot.RunAsync("alice", "queue list --broker wrongpw");
        var down = await _bot.RunAsync("alice", "queue list --broker down");
        var started = DateTimeOffset.UtcNow;
        var silent = await _bot.RunAsync("alice", "queue check orders --broker silent");

        refused.Outcome.ShouldBe(Outcome.Failed);
        refused.Text.ShouldBe("broker wrongpw refused the bot's credentials (401): check ChatOps:Brokers:wrongpw:User and Password");
        refused.Text.ShouldNotContain(WrongPassword);
        down.Outcome.ShouldBe(Outcome.Failed);
        down.Text.ShouldStartWith("broker down is unreachable");
        silent.Outcome.ShouldBe(Outcome.Failed);
        silent.Text.ShouldBe("broker silent did not answer within 2s");
        (DateTimeOffset.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
