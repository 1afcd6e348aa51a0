using System.Net;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Queues;
using ChatOps.Bot.Infrastructure.Queues;
using Xunit;

namespace ChatOps.Tests.Infrastructure.Queues;

/// <summary>
/// Issue #20.6: each queue, exchange and virtual host name is exactly one path segment that neither .NET's Uri nor
/// RabbitMQ's HTTP server can turn into another object, and every answer is checked to be the object asked for.
/// </summary>
[Trait("Category", "Adversarial")]
public sealed class RabbitMqQueueIdentityTests
{
    [Theory]
    [InlineData("orders", "orders")]
    [InlineData("a.b", "a%2Eb")]
    [InlineData("%", "%25")]
    [InlineData("%2E", "%252E")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("/", "%2F")]
    [InlineData("#", "%23")]
    [InlineData("?x=1", "%3Fx%3D1")]
    [InlineData("é✓", "%C3%A9%E2%9C%93")]
    [InlineData("a b", "a%20b")]
    public void Segment_EscapesEveryCharacterAPathCouldReadAsStructure(string name, string segment) =>
        RabbitMqPaths.Segment(name).ShouldBe(segment);

    [Theory]
    [InlineData("a.b", "/api/queues/%2F/a%2Eb")]
    [InlineData("...", "/api/queues/%2F/%2E%2E%2E")]
    [InlineData("a/../b", "/api/queues/%2F/a%2F%2E%2E%2Fb")]
    [InlineData("#?", "/api/queues/%2F/%23%3F")]
    public async Task Check_SendsTheNameAsOneVerbatimSegment_OfTheVhostSlash(string queue, string path)
    {
        var rabbit = new RecordedRabbit();
        rabbit.Reply("""{"error":"Object Not Found","reason":"Not Found"}""", HttpStatusCode.NotFound);

        (await rabbit.Broker().GetQueueAsync("rabbit", queue, CancellationToken.None)).ShouldBeNull();

        rabbit.Sent.ShouldBe([$"GET {path}"]);
    }

    [Theory]
    [InlineData(".", "'/api/queues/%2F/' of the management API")]
    [InlineData("..", "'/api/queues/' of the management API")]
    public async Task Check_And_Purge_OfADotSegmentName_AreRefused_BeforeAnyRequest(string queue, string reached)
    {
        var rabbit = new RecordedRabbit();
        var broker = rabbit.Broker();

        var check = await Should.ThrowAsync<WrongQueueException>(() => broker.GetQueueAsync("rabbit", queue, CancellationToken.None));
        var purge = await Should.ThrowAsync<WrongQueueException>(() => broker.PurgeAsync("rabbit", queue, CancellationToken.None));

        check.Message.ShouldBe($"refused: on broker rabbit the name '{queue}' reaches {reached}, not queue '{queue}' ({RabbitMqPaths.PathStep})");
        purge.Actual.ShouldBe(queue == "." ? "'/api/queues/%2F/contents' of the management API" : "'/api/queues/contents' of the management API");
        rabbit.Sent.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""[{"name":"orders","vhost":"/"}]""", "a listing")]
    [InlineData("""{"name":"orders2","vhost":"/"}""", "'orders2' of virtual host '/'")]
    [InlineData("""{"name":"orders","vhost":"other"}""", "'orders' of virtual host 'other'")]
    public async Task Check_Refuses_AnAnswerForAnotherObject_NamingIt(string answer, string actual)
    {
        var rabbit = new RecordedRabbit();
        rabbit.Reply(answer);

        var ex = await Should.ThrowAsync<WrongQueueException>(() => rabbit.Broker().GetQueueAsync("rabbit", "orders", CancellationToken.None));

        ex.Message.ShouldBe($"refused: on broker rabbit the name 'orders' reaches {actual}, not queue 'orders' (the management API answered for another object of virtual host '/')");
    }

    [Fact]
    public async Task Purge_ReadsTheQueuesIdentity_BeforeTheDelete_AndSendsNoDeleteOnMismatch()
    {
        var rabbit = new RecordedRabbit();
        rabbit.Reply("""{"name":"other","vhost":"/","messages":5}""");

        await Should.ThrowAsync<WrongQueueException>(() => rabbit.Broker().PurgeAsync("rabbit", "orders", CancellationToken.None));

        rabbit.Sent.ShouldBe(["GET /api/queues/%2F/orders"]);
    }

    [Fact]
    public async Task Purge_OfTheRightQueue_DeletesItsContents_AndRereadsIt()
    {
        var rabbit = new RecordedRabbit();
        rabbit.Reply("""{"name":"a.b","vhost":"/","messages":5,"messages_ready":5}""");
        rabbit.Reply(string.Empty, HttpStatusCode.NoContent);
        rabbit.Reply("""{"name":"a.b","vhost":"/","messages":0,"messages_ready":0}""");

        var after = await rabbit.Broker().PurgeAsync("rabbit", "a.b", CancellationToken.None);

        after.ShouldNotBeNull().Messages.ShouldBe(0);
        rabbit.Sent.ShouldBe(["GET /api/queues/%2F/a%2Eb", "DELETE /api/queues/%2F/a%2Eb/contents", "GET /api/queues/%2F/a%2Eb"]);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task AVirtualHostThatIsADotSegment_IsRefused_BeforeAnyRequest(string vhost)
    {
        var rabbit = new RecordedRabbit();
        rabbit.Options.VirtualHost = vhost;

        var ex = await Should.ThrowAsync<PortFailure>(() => rabbit.Broker().ListQueuesAsync("rabbit", CancellationToken.None));

        ex.Message.ShouldBe($"broker rabbit: virtual host '{vhost}' cannot be addressed ({RabbitMqPaths.PathStep}; ChatOps:Brokers:rabbit:VirtualHost)");
        rabbit.Sent.ShouldBeEmpty();
    }
}
