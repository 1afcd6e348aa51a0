using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Queues;
using ChatOps.Bot.Infrastructure.Queues;
using Xunit;

namespace ChatOps.Tests.Infrastructure.Queues;

/// <summary>
/// ActiveMQ registers a queue under a lossy JMX name (issue #18.1): the adapter acts only on an MBean whose Name
/// attribute is the queue the user typed, and never sends purge() to one that is not.
/// </summary>
[Trait("Category", "Adversarial")]
public sealed class ActiveMqQueueIdentityTests
{
    private const string Queue = "org.apache.activemq:type=Broker,brokerName=localhost,destinationType=Queue,destinationName=";

    private const string Missing = """{"request":{"type":"read"},"error_type":"javax.management.InstanceNotFoundException","error":"not found","status":404}""";

    /// <summary>Pairs of distinct queue names ActiveMQ 5.17 gives the same object name, one per character it replaces.</summary>
    public static TheoryData<string, string> Collisions => new()
    {
        { "p_x", "p:x" },
        { "p:x", "p_x" },
        { "p_x", "p,x" },
        { "p_x", "p'x" },
        { "p_x", "p\"x" },
        { "p&amp;x", "p=x" },
        { "p&ast;x", "p*x" },
        { "p&qe;x", "p?x" },
    };

    private static string Found(string name, long size = 3) =>
        $$"""{"request":{"type":"read"},"value":{"Name":"{{name.Replace("\"", "\\\"", StringComparison.Ordinal)}}","QueueSize":{{size}}},"status":200}""";

    [Theory]
    [MemberData(nameof(Collisions))]
    public void Encode_GivesBothNamesOfACollision_TheSameObjectName(string requested, string owner) =>
        ActiveMqNames.Encode(requested).ShouldBe(ActiveMqNames.Encode(owner));

    [Theory]
    [InlineData("p/x")]
    [InlineData("p x")]
    [InlineData("orders.eu")]
    public void Encode_KeepsSlashesSpacesAndDots_WhichJmxValuesMayHold(string name) =>
        ActiveMqNames.Encode(name).ShouldBe(name);

    [Theory]
    [MemberData(nameof(Collisions))]
    public async Task Check_Refuses_WhenTheMBeanIsAnotherQueue_NamingBoth(string requested, string owner)
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{Found(owner)},{Missing},{Missing},{Missing}]");

        var ex = await Should.ThrowAsync<WrongQueueException>(() => jolokia.Broker().GetQueueAsync("amq", requested, CancellationToken.None));

        ex.Message.ShouldBe($"refused: on broker amq the name '{requested}' reaches queue '{owner}', not queue '{requested}' ({ActiveMqIdentity.SharedKey})");
        ex.Message.ShouldNotContain("\n");
    }

    [Theory]
    [MemberData(nameof(Collisions))]
    public async Task Purge_Refuses_BeforeSendingPurge_WhenTheMBeanIsAnotherQueue(string requested, string owner)
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{Found(owner)}]");

        var ex = await Should.ThrowAsync<WrongQueueException>(() => jolokia.Broker().PurgeAsync("amq", requested, CancellationToken.None));

        (ex.Requested, ex.Actual).ShouldBe((requested, $"queue '{owner}'"));
        jolokia.Sent.Count.ShouldBe(1);
        jolokia.Sent[0].Body.EnumerateArray().Select(r => r.GetProperty("type").GetString()).ShouldBe(["read"]);
        jolokia.Sent[0].Body[0].GetProperty("mbean").GetString().ShouldBe(Queue + ActiveMqNames.Encode(requested));
    }

    [Fact]
    public async Task Purge_ThatRacesAnotherQueueOntoTheMBean_SaysThePurgeRanOnThatQueue()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{Found("p_x")}]");
        jolokia.Reply($$"""[{{Found("p:x")}},{"request":{"type":"exec"},"value":null,"status":200},{{Found("p:x", 0)}}]""");

        var ex = await Should.ThrowAsync<PortFailure>(() => jolokia.Broker().PurgeAsync("amq", "p_x", CancellationToken.None));

        ex.Message.ShouldBe("broker amq: queue 'p_x' was replaced by queue 'p:x' under the same JMX name between the check and the purge, so the purge ran on that queue");
    }

    [Fact]
    public async Task Replay_ThatRacesAnotherQueueOntoTheDeadLetterMBean_SaysTheMoveRanOnThatQueue()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($$"""[{{Found("p_x.DLQ", 2)}},{"request":{"type":"exec"},"value":[],"status":200}]""");
        jolokia.Reply($"[{Found("orders")}]");
        jolokia.Reply($$"""[{{Found("p:x.DLQ")}},{"request":{"type":"exec"},"value":2,"status":200},{{Found("p:x.DLQ", 0)}}]""");

        var ex = await Should.ThrowAsync<PortFailure>(() => jolokia.Broker().ReplayAsync("amq", new ReplayPlan("p_x.DLQ", "orders", null, null), CancellationToken.None));

        ex.Message.ShouldBe("broker amq: queue 'p_x.DLQ' was replaced by queue 'p:x.DLQ' under the same JMX name between the check and the replay, so the move ran on that queue");
        jolokia.Sent[2].Body[1].GetProperty("operation").GetString().ShouldBe("moveMatchingMessagesTo(java.lang.String,java.lang.String,int)");
    }

    [Fact]
    public async Task Replay_OnTheMBeanItChecked_SaysHowManyMovedAndHowManyAreLeft()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($$"""[{{Found("p_x.DLQ", 2)}},{"request":{"type":"exec"},"value":[],"status":200}]""");
        jolokia.Reply($"[{Found("orders")}]");
        jolokia.Reply($$"""[{{Found("p_x.DLQ")}},{"request":{"type":"exec"},"value":2,"status":200},{{Found("p_x.DLQ", 1)}}]""");

        var outcome = await jolokia.Broker().ReplayAsync("amq", new ReplayPlan("p_x.DLQ", "orders", null, null), CancellationToken.None);

        outcome.ShouldNotBeNull();
        (outcome.Moved, outcome.Left).ShouldBe((2, 1));
    }

    [Fact]
    public async Task Check_LeavesTheDeadLetterQueueUnresolved_WhenItsMBeanIsAnotherQueue()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{Found("a:b")},{Found("a_b.DLQ", 9)},{Missing},{Found("ActiveMQ.DLQ", 4)}]");

        var detail = await jolokia.Broker().GetQueueAsync("amq", "a:b", CancellationToken.None);

        var dlq = detail.ShouldNotBeNull().DeadLetter.ShouldNotBeNull();
        dlq.Queues.ShouldBeEmpty();
        dlq.Unresolved.ShouldBe("the JMX name of 'a:b.DLQ' belongs to queue 'a_b.DLQ'");
    }

    [Fact]
    public async Task List_ShowsTheNameAttribute_NotTheObjectNamesKey_AndRefusesAnMBeanWithoutOne()
    {
        var jolokia = new RecordedJolokia();
        const string Broker = """{"request":{"type":"read"},"value":{"BrokerName":"localhost"},"status":200}""";
        jolokia.Reply($$$"""[{{{Broker}}},{"request":{"type":"read"},"value":{"{{{Queue}}}p_x":{"Name":"p:x","QueueSize":3}},"status":200}]""");
        jolokia.Reply($$$"""[{{{Broker}}},{"request":{"type":"read"},"value":{"{{{Queue}}}p_x":{"QueueSize":3}},"status":200}]""");
        var broker = jolokia.Broker();

        (await broker.ListQueuesAsync("amq", CancellationToken.None)).Select(q => q.Name).ShouldBe(["p:x"]);
        var ex = await Should.ThrowAsync<PortFailure>(() => broker.ListQueuesAsync("amq", CancellationToken.None));

        ex.Message.ShouldBe("broker amq listed a queue MBean without its Name attribute");
    }

    [Fact]
    public async Task List_Refuses_WhenTheConfiguredBrokerNameReachesAnotherBroker()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Options.BrokerName = "east:1";
        jolokia.Reply($$"""[{"request":{"type":"read"},"value":{"BrokerName":"east_1"},"status":200},{{Missing}}]""");

        var ex = await Should.ThrowAsync<PortFailure>(() => jolokia.Broker().ListQueuesAsync("amq", CancellationToken.None));

        ex.Message.ShouldBe("broker amq: BrokerName 'east:1' reaches the ActiveMQ broker 'east_1', not 'east:1' (ChatOps:Brokers:amq:BrokerName)");
    }
}
