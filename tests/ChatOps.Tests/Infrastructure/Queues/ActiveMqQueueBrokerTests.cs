using System.Net;
using System.Text;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Queues;
using Xunit;

namespace ChatOps.Tests.Infrastructure.Queues;

/// <summary>The Jolokia adapter against replies in the shape ActiveMQ 5.17's Jolokia 1.7 sends.</summary>
public sealed class ActiveMqQueueBrokerTests
{
    private const string Queue = "org.apache.activemq:type=Broker,brokerName=localhost,destinationType=Queue,destinationName=";

    private const string BrokerFound = """{"request":{"mbean":"org.apache.activemq:brokerName=localhost,type=Broker","attribute":"BrokerName","type":"read"},"value":{"BrokerName":"localhost"},"timestamp":1763900000,"status":200}""";

    private const string Missing = """{"request":{"type":"read"},"error_type":"javax.management.InstanceNotFoundException","error":"javax.management.InstanceNotFoundException : org.apache.activemq:type=Broker,brokerName=localhost,destinationType=Queue,destinationName=OMS.DLQ","status":404}""";

    private static string QueueValue(string name, long size, int consumers, long inFlight = 0, long enqueued = 0, long dequeued = 0) =>
        $$"""{"Name":"{{name}}","QueueSize":{{size}},"ConsumerCount":{{consumers}},"ProducerCount":1,"EnqueueCount":{{enqueued}},"DequeueCount":{{dequeued}},"InFlightCount":{{inFlight}},"ExpiredCount":2}""";

    private static string Found(string value) => $$"""{"request":{"type":"read"},"value":{{value}},"timestamp":1763900000,"status":200}""";

    [Fact]
    public async Task List_IsOneBulkPost_WithAWildcardRead_Origin_AndBasicCredentials()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($$"""[{{BrokerFound}},{"request":{"type":"read"},"value":{"{{Queue}}OMS":{{QueueValue("OMS", 120, 2, inFlight: 20)}},"{{Queue}}USAGE":{{QueueValue("USAGE", 0, 0)}}},"status":200}]""");

        var queues = await jolokia.Broker().ListQueuesAsync("amq", CancellationToken.None);

        jolokia.Sent.Count.ShouldBe(1);
        var (request, body) = jolokia.Sent[0];
        request.Method.ShouldBe(HttpMethod.Post);
        request.RequestUri!.ToString().ShouldBe("http://amq.invalid:8161/api/jolokia");
        request.Headers.GetValues("Origin").ShouldBe(["http://localhost"]);
        request.Headers.Authorization!.Scheme.ShouldBe("Basic");
        Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!)).ShouldBe("bot:never-shown");
        body.GetArrayLength().ShouldBe(2);
        body[1].GetProperty("type").GetString().ShouldBe("read");
        body[1].GetProperty("mbean").GetString().ShouldBe(Queue + "*");
        queues.Select(q => q.Name).Order().ShouldBe(["OMS", "USAGE"]);
        var oms = queues.Single(q => q.Name == "OMS");
        (oms.Messages, oms.Ready, oms.Unacknowledged, oms.Consumers).ShouldBe((120L, 100L, 20L, 2));
        oms.PublishRate.ShouldBeNull();
    }

    [Fact]
    public async Task List_OfABrokerWithoutQueues_IsEmpty_ButAWrongBrokerNameIsSaid()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{BrokerFound},{Missing}]");
        jolokia.Reply($"[{Missing},{Missing}]");
        var broker = jolokia.Broker();

        (await broker.ListQueuesAsync("amq", CancellationToken.None)).ShouldBeEmpty();
        var ex = await Should.ThrowAsync<PortFailure>(() => broker.ListQueuesAsync("amq", CancellationToken.None));

        ex.Message.ShouldBe("broker amq has no ActiveMQ broker named 'localhost' (ChatOps:Brokers:amq:BrokerName)");
    }

    [Fact]
    public async Task Check_ReadsTheQueueAndItsDeadLetterCandidates_InOneRoundTrip()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{Found(QueueValue("OMS", 7, 1, inFlight: 3, enqueued: 50, dequeued: 43))},{Missing},{Missing},{Found(QueueValue("ActiveMQ.DLQ", 4, 0))}]");

        var detail = await jolokia.Broker().GetQueueAsync("amq", "OMS", CancellationToken.None);

        jolokia.Sent.Count.ShouldBe(1);
        jolokia.Sent[0].Body.EnumerateArray().Select(r => r.GetProperty("mbean").GetString()).ShouldBe(
            [Queue + "OMS", Queue + "OMS.DLQ", Queue + "ActiveMQ.DLQ.Queue.OMS", Queue + "ActiveMQ.DLQ"]);
        var q = detail.ShouldNotBeNull().Stats;
        (q.Messages, q.Ready, q.Unacknowledged, q.Consumers).ShouldBe((7L, 4L, 3L, 1));
        q.Counters.ShouldBe(new QueueCounters(1, 50, 43, 2));
        var dlq = detail.DeadLetter.ShouldNotBeNull();
        dlq.Exchange.ShouldBeNull();
        dlq.Queues.Select(d => (d.Name, d.Messages)).ShouldBe([("ActiveMQ.DLQ", 4L)]);
    }

    [Fact]
    public async Task Check_PrefersTheQueuesOwnDlq_AndSaysNoneWhileNoneExists()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{Found(QueueValue("OMS", 0, 1))},{Found(QueueValue("OMS.DLQ", 9, 0))},{Missing},{Found(QueueValue("ActiveMQ.DLQ", 4, 0))}]");
        jolokia.Reply($"[{Found(QueueValue("OMS", 0, 1))},{Missing},{Missing},{Missing}]");
        var broker = jolokia.Broker();

        var own = await broker.GetQueueAsync("amq", "OMS", CancellationToken.None);
        var none = await broker.GetQueueAsync("amq", "OMS", CancellationToken.None);

        own!.DeadLetter!.Queues.Select(d => (d.Name, d.Messages)).ShouldBe([("OMS.DLQ", 9L)]);
        none!.DeadLetter.ShouldNotBeNull().Queues.ShouldBeEmpty();
    }

    [Fact]
    public async Task Check_OfAnUnknownQueue_IsNull_AndOfADlq_AsksForNoFurtherDlq()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{Missing},{Missing},{Missing},{Missing}]");
        jolokia.Reply($"[{Found(QueueValue("ActiveMQ.DLQ", 4, 0))}]");
        var broker = jolokia.Broker();

        (await broker.GetQueueAsync("amq", "NOPE", CancellationToken.None)).ShouldBeNull();
        var dlq = await broker.GetQueueAsync("amq", "ActiveMQ.DLQ", CancellationToken.None);

        jolokia.Sent[1].Body.GetArrayLength().ShouldBe(1);
        dlq!.DeadLetter.ShouldBeNull();
    }

    [Fact]
    public async Task Check_ReplacesJmxCharacters_TheWayActiveMq517RegistersTheName()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{Missing}]");

        await jolokia.Broker().GetQueueAsync("amq", "a:b=c,d\"e?f*.DLQ", CancellationToken.None);

        jolokia.Sent[0].Body[0].GetProperty("mbean").GetString().ShouldBe(Queue + "a_b&amp;c_d_e&qe;f&ast;.DLQ");
    }

    [Fact]
    public async Task Purge_ProvesTheMBeanIsTheQueue_ThenExecsPurge_BetweenReadsOfNameAndDepth()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{Found("""{"Name":"OMS"}""")}]");
        jolokia.Reply($$"""[{{Found("""{"Name":"OMS"}""")}},{"request":{"type":"exec"},"value":null,"status":200},{{Found(QueueValue("OMS", 0, 0, enqueued: 500, dequeued: 0))}}]""");

        var after = await jolokia.Broker().PurgeAsync("amq", "OMS", CancellationToken.None);

        jolokia.Sent.Count.ShouldBe(2);
        jolokia.Sent[0].Body.EnumerateArray().Select(r => r.GetProperty("type").GetString()).ShouldBe(["read"]);
        var body = jolokia.Sent[1].Body;
        body.EnumerateArray().Select(r => r.GetProperty("type").GetString()).ShouldBe(["read", "exec", "read"]);
        body[1].GetProperty("operation").GetString().ShouldBe("purge()");
        body[1].GetProperty("mbean").GetString().ShouldBe(Queue + "OMS");
        after.ShouldNotBeNull().Messages.ShouldBe(0);
    }

    [Fact]
    public async Task Purge_DeniedInsideAnHttp200_IsAnError_NotASuccess()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{Found("""{"Name":"OMS"}""")}]");
        jolokia.Reply($"[{Found("""{"Name":"OMS"}""")}," + """{"request":{"type":"exec"},"error_type":"java.lang.SecurityException","error":"java.lang.SecurityException : Operation purge() forbidden","status":403},{"status":200,"value":{"QueueSize":5}}]""");

        var ex = await Should.ThrowAsync<PortFailure>(() => jolokia.Broker().PurgeAsync("amq", "OMS", CancellationToken.None));

        ex.Message.ShouldBe("broker amq answered 403 to purge of queue OMS: java.lang.SecurityException : Operation purge() forbidden");
    }

    [Fact]
    public async Task Purge_OfAnUnknownQueue_IsNull_AndSendsNoPurge()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply($"[{Missing}]");

        (await jolokia.Broker().PurgeAsync("amq", "NOPE", CancellationToken.None)).ShouldBeNull();
        jolokia.Sent.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RefusedCredentials_NameTheBroker_NeverTheCredentials()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Reply("<html>401 Unauthorized</html>", HttpStatusCode.Unauthorized);

        var ex = await Should.ThrowAsync<PortFailure>(() => jolokia.Broker().ListQueuesAsync("amq", CancellationToken.None));

        ex.Message.ShouldBe("broker amq refused the bot's credentials (401): check ChatOps:Brokers:amq:User and Password");
        ex.Message.ShouldNotContain("never-shown");
    }

    [Fact]
    public async Task UnreachableBroker_AndANonJolokiaAnswer_AreSaidPlainly()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Fail(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        jolokia.Reply("<html>console</html>");
        jolokia.Reply("""{"error_type":"java.lang.IllegalArgumentException","error":"Invalid JSON request","status":400}""");
        jolokia.Reply("""[{"status":"200"},{"status":200}]""");
        var broker = jolokia.Broker();

        var unreachable = await Should.ThrowAsync<PortFailure>(() => broker.ListQueuesAsync("amq", CancellationToken.None));
        var html = await Should.ThrowAsync<PortFailure>(() => broker.ListQueuesAsync("amq", CancellationToken.None));
        var invalid = await Should.ThrowAsync<PortFailure>(() => broker.ListQueuesAsync("amq", CancellationToken.None));
        var odd = await Should.ThrowAsync<PortFailure>(() => broker.ListQueuesAsync("amq", CancellationToken.None));

        unreachable.Message.ShouldBe("broker amq is unreachable (ConnectionError)");
        html.Message.ShouldBe("broker amq answered something that is not Jolokia's JSON");
        invalid.Message.ShouldBe("broker amq answered 400 to the bulk request: Invalid JSON request");
        odd.Message.ShouldBe("broker amq answered the broker MBean without a Jolokia status");
    }

    [Fact]
    public async Task AHungBroker_FailsAfterRequestTimeout_NamingIt()
    {
        var jolokia = new RecordedJolokia();
        jolokia.Options.RequestTimeout = TimeSpan.FromMilliseconds(100);
        jolokia.Hang();

        var ex = await Should.ThrowAsync<PortFailure>(() => jolokia.Broker().ListQueuesAsync("amq", CancellationToken.None));

        ex.Message.ShouldBe("broker amq did not answer within 0.1s");
    }
}
