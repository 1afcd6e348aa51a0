using System.Net;
using System.Text;
using System.Text.Json;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Infrastructure.Queues;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Infrastructure.Queues;

/// <summary>
/// A Jolokia endpoint answering each POST with the next recorded reply, keeping what was sent so tests can check the
/// wire: one bulk array per round trip, the Origin header, Basic credentials.
/// </summary>
internal sealed class RecordedJolokia : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _replies = new();

    public List<(HttpRequestMessage Request, JsonElement Body)> Sent { get; } = [];

    public BrokerOptions Options { get; } = new()
    {
        Kind = BrokerKind.ActiveMq,
        Url = "http://amq.invalid:8161/api/jolokia",
        User = "bot",
        Password = "never-shown",
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public void Reply(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        _replies.Enqueue(_ => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") }));

    public void Fail(Exception ex) => _replies.Enqueue(_ => Task.FromException<HttpResponseMessage>(ex));

    /// <summary>Never answers: the request ends only when its token is cancelled, as a hung broker's would.</summary>
    public void Hang() => _replies.Enqueue(async ct =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    public ActiveMqQueueBroker Broker(string name = "amq")
    {
        var options = new TargetOptions();
        options.Brokers[name] = Options;
        return new ActiveMqQueueBroker(new JolokiaClient(new Factory(this)), FixedOptions.Of(options));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "null" : await request.Content.ReadAsStringAsync(cancellationToken);
        Sent.Add((request, JsonDocument.Parse(body).RootElement.Clone()));
        return await _replies.Dequeue()(cancellationToken);
    }

    private sealed class Factory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
