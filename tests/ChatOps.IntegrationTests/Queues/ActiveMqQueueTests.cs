using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChatOps.Bot.Core;

namespace ChatOps.IntegrationTests.Queues;

/// <summary>
/// `queue list`, `queue check` and `queue purge` through the whole pipeline against ActiveMQ 5.17 over real Jolokia
/// (tests/activemq-jolokia/Launcher.java). Messages are published with the broker's own sendTextMessage operation,
/// consumers and dead letters are real JMS clients, and every figure is compared with what Jolokia reports.
/// </summary>
public sealed class ActiveMqQueueTests : IAsyncLifetime
{
    private const string WrongPassword = "amq-pw-must-not-leak-q5";
    private readonly ActiveMqTestBroker _amq = new();
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private QueueBot _bot = null!;

    public async Task InitializeAsync()
    {
        await _amq.StartAsync();
        _silent.Start();
        Dictionary<string, string> Broker(string url, string password, string? brokerName = null, bool production = false) => new()
        {
            ["Kind"] = "ActiveMq",
            ["Url"] = url,
            ["User"] = _amq.User,
            ["Password"] = password,
            ["BrokerName"] = brokerName ?? _amq.BrokerName,
            ["Production"] = production ? "true" : "false",
            ["RequestTimeout"] = "00:00:02",
        };

        var amq = Broker(_amq.Url, _amq.Password);
        amq["Queues:MEDIATION:WarningDepth"] = "4";
        _bot = new QueueBot(new Dictionary<string, Dictionary<string, string>>
        {
            ["amq"] = amq,
            ["prod"] = Broker(_amq.Url, _amq.Password, production: true),
            ["wrongpw"] = Broker(_amq.Url, WrongPassword),
            ["wrongname"] = Broker(_amq.Url, _amq.Password, brokerName: "nosuchbroker"),
            ["down"] = Broker("http://127.0.0.1:1/api/jolokia", _amq.Password),
            ["silent"] = Broker($"http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}/api/jolokia", _amq.Password),
        });
        await _bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _silent.Stop();
        await _amq.DisposeAsync();
    }

    [Fact]
    public async Task QueueList_ShowsTheBrokersDepthsAndConsumers_DeepestFirst_WithFlags()
    {
        await _amq.AddQueuesAsync("OMS", "MEDIATION", "USAGE");
        await _amq.PublishAsync("OMS", 3);
        await _amq.PublishAsync("MEDIATION", 5);
        await _amq.HoldConsumersAsync("OMS", consumers: 1, inFlight: 3);

        var result = await _bot.RunAsync("alice", "queue list --broker amq");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        var rows = result.Tables[0].Rows;
        rows.Select(r => r[0]).ShouldBe(["MEDIATION", "OMS", "USAGE"]);
        foreach (var row in rows)
        {
            var broker = await _amq.QueueAsync(row[0]);
            row[1].ShouldBe(broker.Size.ToString(CultureInfo.InvariantCulture));
            row[2].ShouldBe((broker.Size - broker.InFlight).ToString(CultureInfo.InvariantCulture));
            row[3].ShouldBe(broker.InFlight.ToString(CultureInfo.InvariantCulture));
            row[4].ShouldBe(broker.Consumers.ToString(CultureInfo.InvariantCulture));
        }

        rows[0][7].ShouldBe("backlog over threshold (5 > 4); no consumers");
        rows[1].Skip(1).Take(4).ShouldBe(["3", "0", "3", "1"]);
        rows[1][7].ShouldBe(string.Empty);
        result.Tables[0].Caption.ShouldBe("3 queue(s) on broker amq, deepest first; 1 flagged");
        await _amq.ReleaseConsumersAsync("OMS");
    }

    [Fact]
    public async Task QueueCheck_ShowsTheBrokersCounters_InFlight_AndTheDeadLetterQueue()
    {
        await _amq.AddQueuesAsync("OMS");
        await _amq.PublishAsync("OMS", 10);
        await _amq.RejectAsync("OMS", 2);
        await _amq.HoldConsumersAsync("OMS", consumers: 2, inFlight: 8);

        var result = await _bot.RunAsync("alice", "queue check OMS --broker amq");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        var q = await _amq.QueueAsync("OMS");
        var dlq = await _amq.QueueAsync("ActiveMQ.DLQ");
        (q.Size, q.InFlight, q.Consumers, q.Enqueued, dlq.Size).ShouldBe((8L, 8L, 2, 10L, 2L));
        result.Text.ShouldBe(
            $"queue OMS on amq: DLQ not empty ({dlq.Size})\n" +
            $"depth {q.Size} (in flight {q.InFlight}, warning above 1000), consumers {q.Consumers}, producers {q.Producers}, " +
            $"enqueued {q.Enqueued}, dequeued {q.Dequeued}, expired {q.Expired}\n" +
            $"dead-letter: queue ActiveMQ.DLQ ({dlq.Size} messages)");
        result.Fields.Single(f => f.Name == "DLQ depth").Value.ShouldBe("2");
        await _amq.ReleaseConsumersAsync("OMS");
    }

    [Fact]
    public async Task QueueCheck_OfAQueueWithItsOwnDlq_AndOfANameJmxWouldMisread()
    {
        // ":" and "=" are replaced in the object name; "," would make it a composite destination, "*" a wildcard.
        const string Odd = "orders:eu=v2";
        await _amq.AddQueuesAsync("PROVISIONING_RESPONSE", "PROVISIONING_RESPONSE.DLQ", Odd);
        await _amq.PublishAsync("PROVISIONING_RESPONSE.DLQ", 4);
        await _amq.PublishAsync(Odd, 2);

        var own = await _bot.RunAsync("alice", "queue check PROVISIONING_RESPONSE --broker amq");
        var odd = await _bot.RunAsync("alice", $"queue check \"{Odd}\" --broker amq");

        own.Text.ShouldStartWith("queue PROVISIONING_RESPONSE on amq: DLQ not empty (4)\n");
        own.Text.ShouldEndWith("dead-letter: queue PROVISIONING_RESPONSE.DLQ (4 messages)");
        odd.Outcome.ShouldBe(Outcome.Succeeded, odd.Text);
        odd.Text.ShouldStartWith($"queue {Odd} on amq: no consumers\ndepth 2 ");
        odd.Text.ShouldEndWith("dead-letter: no dead-letter queue exists yet (ActiveMQ creates it on the first dead letter)");
    }

    [Fact]
    public async Task QueuePurge_RemovesTheMessages_AndReportsTheBrokersDepthBeforeAndAfter()
    {
        await _amq.AddQueuesAsync("USAGE");
        await _amq.PublishAsync("USAGE", 7);

        var result = await _bot.RunAsync("alice", "queue purge USAGE --broker amq");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldBe("purged queue USAGE on amq: 7 message(s) removed (depth 7 → 0)");
        (await _amq.QueueAsync("USAGE")).Size.ShouldBe(0);
    }

    [Fact]
    public async Task QueuePurge_WithMessagesInFlight_EmptiesTheQueue_AndSaysTheConsumerStillHoldsItsCopies()
    {
        await _amq.AddQueuesAsync("INFLIGHT");
        await _amq.PublishAsync("INFLIGHT", 5);
        await _amq.HoldConsumersAsync("INFLIGHT", consumers: 1, inFlight: 5);

        var result = await _bot.RunAsync("alice", "queue purge INFLIGHT --broker amq");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        // ActiveMQ's purge() drops dispatched messages too (QueueSize 0), but the consumer keeps the copies it had
        // prefetched and the broker still counts them in flight until it acknowledges or disconnects.
        var after = await _amq.QueueAsync("INFLIGHT");
        (after.Size, after.InFlight).ShouldBe((0L, 5L));
        result.Text.ShouldBe("purged queue INFLIGHT on amq: 5 message(s) removed (depth 5 → 0); 5 unacknowledged message(s) stay with their consumers");
        await _amq.ReleaseConsumersAsync("INFLIGHT");
    }

    [Fact]
    public async Task QueuePurge_OnAProductionBroker_ShowsTheDepthToApprovers_AndPurgesOnlyWhenApproved()
    {
        await _amq.AddQueuesAsync("OMS");
        await _amq.PublishAsync("OMS", 3);

        var request = await _bot.RunAsync("alice", "queue purge OMS --broker prod");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain("Current depth: 3 message(s) in OMS (3 ready, 0 unacked), 0 consumer(s)");
        (await _amq.QueueAsync("OMS")).Size.ShouldBe(3);

        var approved = await _bot.RunAsync("bob", $"approve {request.Reference}");

        approved.Text.ShouldContain("purged queue OMS on prod: 3 message(s) removed (depth 3 → 0)");
        (await _amq.QueueAsync("OMS")).Size.ShouldBe(0);
    }

    [Fact]
    public async Task TheRunbooksGetUrl_ReadsTheSameDepthTheBotReports()
    {
        await _amq.AddQueuesAsync("OMS");
        await _amq.PublishAsync("OMS", 6);

        var read = await _amq.GetAsync($"read/{_amq.QueueMBean("OMS")}/QueueSize");
        var check = await _bot.RunAsync("alice", "queue check OMS --broker amq");

        read.GetProperty("status").GetInt32().ShouldBe(200);
        read.GetProperty("value").GetInt64().ShouldBe(6);
        check.Fields.Single(f => f.Name == "Depth").Value.ShouldBe("6");
    }

    [Fact]
    public async Task UnknownQueue_ListsCloseNames_AndNothingIsPurged()
    {
        await _amq.AddQueuesAsync("MEDIATION");
        await _amq.PublishAsync("MEDIATION", 2);

        var check = await _bot.RunAsync("alice", "queue check MEDIATON --broker amq");
        var purge = await _bot.RunAsync("alice", "queue purge MEDIATON --broker amq");

        check.Text.ShouldBe("there is no queue 'MEDIATON' on broker amq; did you mean `MEDIATION`?");
        purge.Text.ShouldBe("there is no queue 'MEDIATON' on broker amq; did you mean `MEDIATION`?; nothing was purged");
        (await _amq.QueueAsync("MEDIATION")).Size.ShouldBe(2);
    }

    [Fact]
    public async Task BrokerErrors_NameTheBroker_NeverTheCredentials_AndAreBounded()
    {
        var refused = await _bot.RunAsync("alice", "queue list --broker wrongpw");
        var wrongName = await _bot.RunAsync("alice", "queue list --broker wrongname");
        var down = await _bot.RunAsync("alice", "queue list --broker down");
        var silent = await _bot.RunAsync("alice", "queue check OMS --broker silent");

        refused.Outcome.ShouldBe(Outcome.Failed);
        refused.Text.ShouldBe("broker wrongpw refused the bot's credentials (401): check ChatOps:Brokers:wrongpw:User and Password");
        refused.Text.ShouldNotContain(WrongPassword);
        wrongName.Text.ShouldBe("broker wrongname has no ActiveMQ broker named 'nosuchbroker' (ChatOps:Brokers:wrongname:BrokerName)");
        down.Outcome.ShouldBe(Outcome.Failed);
        down.Text.ShouldStartWith("broker down is unreachable");
        silent.Outcome.ShouldBe(Outcome.Failed);
        silent.Text.ShouldBe("broker silent did not answer within 2s");
    }
}
