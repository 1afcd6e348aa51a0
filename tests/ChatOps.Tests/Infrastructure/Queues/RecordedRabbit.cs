using System.Net;
using System.Text;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Infrastructure.Queues;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Infrastructure.Queues;

/// <summary>A management API answering each request with the next recorded reply, keeping the exact request lines sent.</summary>
internal sealed class RecordedRabbit : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string Body)> _replies = new();

    /// <summary>"METHOD path?query" exactly as it would go on the wire.</summary>
    public List<string> Sent { get; } = [];

    public BrokerOptions Options { get; } = new()
    {
        Kind = BrokerKind.RabbitMq,
        Url = "http://rabbit.invalid:15672",
        User = "bot",
        Password = "never-shown",
        VirtualHost = "/",
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public void Reply(string json, HttpStatusCode status = HttpStatusCode.OK) => _replies.Enqueue((status, json));

    public RabbitMqQueueBroker Broker(string name = "rabbit")
    {
        var options = new TargetOptions();
        options.Brokers[name] = Options;
        return new RabbitMqQueueBroker(new Factory(this), FixedOptions.Of(options), TimeProvider.System);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Sent.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
        var (status, body) = _replies.Dequeue();
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }

    private sealed class Factory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
