using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Queues;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Queues;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Benchmarks;

/// <summary>
/// `queue list` on a broker with 500 queues (every fifth holding messages), on the real test brokers: ActiveMQ 5.17
/// over Jolokia (CHATOPS_BENCH_ACTIVEMQ, its broker named localhost) and RabbitMQ 3.10's management API
/// (CHATOPS_BENCH_RABBITMQ, a private virtual host), each with _USER and _PASSWORD. The setup creates the queues
/// through each broker's own API, checks that one listing is one HTTP round trip, and removes them afterwards.
/// </summary>
[MemoryDiagnoser]
public class QueueListBenchmarks
{
    private const int Queues = 500;
    private const string VirtualHost = "chatops-bench";

    private readonly RequestCount _counter = new();
    private HttpClient _admin = null!;
    private string _url = null!;
    private ServiceProvider _services = null!;
    private CommandDispatcher _dispatcher = null!;
    private IQueueBroker _broker = null!;

    [Params("ActiveMq", "RabbitMq")]
    public string Kind { get; set; } = "ActiveMq";

    [GlobalSetup]
    public async Task Setup()
    {
        var prefix = Kind == "ActiveMq" ? "CHATOPS_BENCH_ACTIVEMQ" : "CHATOPS_BENCH_RABBITMQ";
        _url = Environment.GetEnvironmentVariable(prefix) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException($"set {prefix}, {prefix}_USER and {prefix}_PASSWORD (scripts/services.sh exports them as CHATOPS_TEST_*)");
        var user = Environment.GetEnvironmentVariable($"{prefix}_USER")!;
        var password = Environment.GetEnvironmentVariable($"{prefix}_PASSWORD")!;
        _admin = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        _admin.DefaultRequestHeaders.Add("Origin", JolokiaClient.Origin);
        await (Kind == "ActiveMq" ? CreateActiveMqQueuesAsync() : CreateRabbitMqQueuesAsync());

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatOps:Roles:Bindings:0:Subject"] = "console:alice",
            ["ChatOps:Roles:Bindings:0:Role"] = "viewer",
            ["ChatOps:Brokers:bench:Kind"] = Kind,
            ["ChatOps:Brokers:bench:Url"] = _url,
            ["ChatOps:Brokers:bench:User"] = user,
            ["ChatOps:Brokers:bench:Password"] = password,
            ["ChatOps:Brokers:bench:VirtualHost"] = VirtualHost,
            ["ChatOps:Brokers:bench:RequestTimeout"] = "00:00:30",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddChatOpsCore(configuration);
        services.AddSingleton<IChatOpsStore>(new InMemoryChatOpsStore());
        services.AddHttpClient(Kind == "ActiveMq" ? JolokiaClient.HttpClientName : RabbitMqQueueBroker.HttpClientName).AddHttpMessageHandler(() => new RequestCounter(_counter));
        _services = services.BuildServiceProvider();
        _dispatcher = _services.GetRequiredService<CommandDispatcher>();
        _broker = _services.GetRequiredService<IQueueBroker>();

        var before = _counter.Count;
        var queues = await Adapter();
        if (_counter.Count - before != 1 || queues.Count(q => q.Name.StartsWith("bench.", StringComparison.Ordinal)) != Queues)
        {
            throw new InvalidOperationException($"expected {Queues} bench queues in one round trip: {queues.Count} queues in {_counter.Count - before}");
        }

        var list = await QueueList();
        Console.WriteLine($"// {Kind}: {list.Text.Split('\n')[0]}");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _services.DisposeAsync();
        if (Kind == "ActiveMq")
        {
            await JolokiaAsync(Names().Select(n => Exec("org.apache.activemq:type=Broker,brokerName=localhost", "removeQueue(java.lang.String)", n)));
        }
        else
        {
            await _admin.DeleteAsync(Rabbit($"api/vhosts/{VirtualHost}"));
        }

        _admin.Dispose();
    }

    [Benchmark(Description = "adapter: list 500 queues (one round trip)")]
    public Task<IReadOnlyList<QueueStats>> Adapter() => _broker.ListQueuesAsync("bench", CancellationToken.None);

    [Benchmark(Description = "`queue list` end to end (500 queues, 50 rows)")]
    public Task<OperationResult> QueueList() => _dispatcher.DispatchAsync(
        "queue list", new ChatContext("console", "alice", "alice", "C-OPS", null, RequestIds.New(), DateTimeOffset.UtcNow), CancellationToken.None);

    private static IEnumerable<string> Names() => Enumerable.Range(0, Queues).Select(i => $"bench.q{i:D3}");

    private async Task CreateActiveMqQueuesAsync()
    {
        await JolokiaAsync(Names().Select(n => Exec("org.apache.activemq:type=Broker,brokerName=localhost", "addQueue(java.lang.String)", n)));
        await JolokiaAsync(Names().Where((_, i) => i % 5 == 0).SelectMany((n, i) => Enumerable.Range(0, 1 + (i % 7)).Select(_ =>
            Exec($"org.apache.activemq:type=Broker,brokerName=localhost,destinationType=Queue,destinationName={n}", "sendTextMessage(java.lang.String)", "bench"))));
    }

    private async Task CreateRabbitMqQueuesAsync()
    {
        (await _admin.PutAsync(Rabbit($"api/vhosts/{VirtualHost}"), null)).EnsureSuccessStatusCode();
        var user = Environment.GetEnvironmentVariable("CHATOPS_BENCH_RABBITMQ_USER")!;
        await PutJsonAsync($"api/permissions/{VirtualHost}/{Uri.EscapeDataString(user)}", """{"configure":".*","write":".*","read":".*"}""");
        var i = 0;
        foreach (var name in Names())
        {
            await PutJsonAsync($"api/queues/{VirtualHost}/{name}", """{"durable":false}""");
            for (var m = 0; i % 5 == 0 && m < 1 + (i / 5 % 7); m++)
            {
                var body = new JsonObject { ["properties"] = new JsonObject(), ["routing_key"] = name, ["payload"] = "bench", ["payload_encoding"] = "string" };
                using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                (await _admin.PostAsync(Rabbit($"api/exchanges/{VirtualHost}/amq.default/publish"), content)).EnsureSuccessStatusCode();
            }

            i++;
        }

        // The management API lists a queue's depth only after its first statistics (collect_statistics_interval).
        await Task.Delay(TimeSpan.FromSeconds(6));
    }

    private async Task PutJsonAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        (await _admin.PutAsync(Rabbit(path), content)).EnsureSuccessStatusCode();
    }

    private Uri Rabbit(string path) => new(new Uri(_url.TrimEnd('/') + "/"), path);

    private static JsonObject Exec(string mbean, string operation, string argument) =>
        new() { ["type"] = "exec", ["mbean"] = mbean, ["operation"] = operation, ["arguments"] = new JsonArray(argument) };

    private async Task JolokiaAsync(IEnumerable<JsonObject> requests)
    {
        using var content = new StringContent(new JsonArray(requests.ToArray<JsonNode?>()).ToJsonString(), Encoding.UTF8, "application/json");
        var response = await _admin.PostAsync(new Uri(_url), content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || text.Contains("\"status\":4", StringComparison.Ordinal) || text.Contains("\"status\":5", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Jolokia refused the setup: {text[..Math.Min(300, text.Length)]}");
        }
    }

    private sealed class RequestCount
    {
        private int _count;

        public int Count => _count;

        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>Counts the HTTP requests the adapter sends, to show a listing is one round trip.</summary>
    private sealed class RequestCounter(RequestCount count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
