using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.IntegrationTests.Queues;

/// <summary>
/// The test ActiveMQ (CHATOPS_TEST_ACTIVEMQ, started by scripts/services.sh from tests/activemq-jolokia/Launcher.java).
/// Each instance starts a private broker with its own name in the launcher's JVM, so tests do not see each other's
/// queues. Queues are created and messages published through the broker's own JMX operations over Jolokia; the
/// launcher's /control endpoint holds consumers and dead-letters messages. Figures to compare with come from Jolokia.
/// </summary>
public sealed class ActiveMqTestBroker : IAsyncDisposable
{
    public const string Variable = "CHATOPS_TEST_ACTIVEMQ";

    private readonly HttpClient _http;

    public ActiveMqTestBroker()
    {
        Url = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException($"{Variable} is not set: run the integration tests through scripts/test.sh (scripts/services.sh starts ActiveMQ)");
        User = Environment.GetEnvironmentVariable("CHATOPS_TEST_ACTIVEMQ_USER") ?? "admin";
        Password = Environment.GetEnvironmentVariable("CHATOPS_TEST_ACTIVEMQ_PASSWORD") ?? "admin";
        BrokerName = $"t{Guid.NewGuid():N}"[..12];
        var root = new Uri(Url);
        _http = new HttpClient { BaseAddress = new Uri(root, "/"), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        _http.DefaultRequestHeaders.Add("Origin", "http://localhost");
    }

    /// <summary>The Jolokia endpoint, such as http://127.0.0.1:25661/api/jolokia.</summary>
    public string Url { get; }

    public string User { get; }

    public string Password { get; }

    public string BrokerName { get; }

    public string BrokerMBean => $"org.apache.activemq:type=Broker,brokerName={BrokerName}";

    /// <summary>The queue's MBean name for plain names, as a runbook would write it.</summary>
    public string QueueMBean(string queue) => $"{BrokerMBean},destinationType=Queue,destinationName={queue}";

    /// <summary>
    /// The object name the broker registered the queue under, found by its Name attribute, so names with characters
    /// JMX reserves are addressed without this helper knowing how ActiveMQ encodes them.
    /// </summary>
    public async Task<string> RegisteredMBeanAsync(string queue)
    {
        var all = (await BulkAsync([new JsonObject
        {
            ["type"] = "read",
            ["mbean"] = $"{BrokerMBean},destinationType=Queue,destinationName=*",
            ["attribute"] = new JsonArray("Name"),
        }]))[0].GetProperty("value");
        return all.EnumerateObject().Single(p => p.Value.GetProperty("Name").GetString() == queue).Name;
    }

    public Task StartAsync() => ControlAsync("start");

    /// <summary>Creates the queues in one bulk request of the broker's addQueue operation.</summary>
    public async Task AddQueuesAsync(params string[] names) =>
        await BulkAsync(names.Select(n => Exec(BrokerMBean, "addQueue(java.lang.String)", n)));

    /// <summary>Publishes through the queue MBean's sendTextMessage, which sends a persistent message and returns once the broker has it.</summary>
    public async Task PublishAsync(string queue, int count)
    {
        var before = (await QueueAsync(queue)).Size;
        var mbean = await RegisteredMBeanAsync(queue);
        await BulkAsync(Enumerable.Range(0, count).Select(i => Exec(mbean, "sendTextMessage(java.lang.String)", $"message {i}")));
        (await QueueAsync(queue)).Size.ShouldBe(before + count);
    }

    /// <summary>Attaches consumers that take messages (prefetch) and never acknowledge, then waits until the broker shows them.</summary>
    public async Task HoldConsumersAsync(string queue, int consumers, long inFlight)
    {
        await ControlAsync("consume", queue, consumers);
        for (var i = 0; i < 80; i++)
        {
            var q = await QueueAsync(queue);
            if (q.Consumers == consumers && q.InFlight == inFlight)
            {
                return;
            }

            await Task.Delay(125);
        }

        (await QueueAsync(queue)).ShouldBe(await QueueAsync(queue) with { Consumers = consumers, InFlight = inFlight });
    }

    public Task ReleaseConsumersAsync(string queue) => ControlAsync("release", queue);

    /// <summary>
    /// Puts messages on a queue that may have no MBean of its own (its JMX name taken by a colliding queue): they are
    /// published to a staging queue and moved with the broker's moveMatchingMessagesTo, which addresses the real name.
    /// </summary>
    public async Task MoveIntoAsync(string queue, int count)
    {
        var stage = $"stage-{Guid.NewGuid():N}";
        await AddQueuesAsync(stage);
        await PublishAsync(stage, count);
        var moved = (await BulkAsync([new JsonObject
        {
            ["type"] = "exec",
            ["mbean"] = await RegisteredMBeanAsync(stage),
            ["operation"] = "moveMatchingMessagesTo(java.lang.String,java.lang.String)",
            ["arguments"] = new JsonArray(string.Empty, queue),
        }]))[0].GetProperty("value").GetInt32();
        moved.ShouldBe(count);
    }

    /// <summary>
    /// Counts up to <paramref name="count"/> messages of the queue by its real name with a JMS consumer (the launcher's
    /// reject action, which then dead-letters them), for a queue JMX cannot show.
    /// </summary>
    public Task<int> TakeAsync(string queue, int count) => ControlAsync("reject", queue, count);

    /// <summary>Takes messages in a transaction and rolls it back with no redeliveries left: the broker dead-letters them.</summary>
    public Task RejectAsync(string queue, int count) => ControlAsync("reject", queue, count);

    /// <summary>The queue's figures as Jolokia reports them.</summary>
    public async Task<BrokerQueue> QueueAsync(string queue)
    {
        var v = (await BulkAsync([new JsonObject
        {
            ["type"] = "read",
            ["mbean"] = await RegisteredMBeanAsync(queue),
            ["attribute"] = new JsonArray("QueueSize", "ConsumerCount", "ProducerCount", "EnqueueCount", "DequeueCount", "InFlightCount", "ExpiredCount"),
        }]))[0].GetProperty("value");
        long L(string name) => v.GetProperty(name).GetInt64();
        return new BrokerQueue(L("QueueSize"), L("InFlightCount"), (int)L("ConsumerCount"), (int)L("ProducerCount"), L("EnqueueCount"), L("DequeueCount"), L("ExpiredCount"));
    }

    /// <summary>A GET in the URL shape of the runbooks (…/api/jolokia/read/&lt;mbean&gt;/&lt;attribute&gt;), answer parsed.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(Url.TrimEnd('/') + "/" + path));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        await ControlAsync("stop");
        _http.Dispose();
    }

    private static JsonObject Exec(string mbean, string operation, string argument) =>
        new() { ["type"] = "exec", ["mbean"] = mbean, ["operation"] = operation, ["arguments"] = new JsonArray(argument) };

    /// <summary>One bulk POST; every answer must have status 200.</summary>
    private async Task<JsonElement[]> BulkAsync(IEnumerable<JsonObject> requests)
    {
        using var response = await _http.PostAsync(new Uri(Url), new StringContent(new JsonArray(requests.ToArray<JsonNode?>()).ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        answer.ValueKind.ShouldBe(JsonValueKind.Array, answer.ToString());
        var replies = answer.EnumerateArray().ToArray();
        foreach (var reply in replies)
        {
            reply.GetProperty("status").GetInt32().ShouldBe(200, reply.ToString());
        }

        return replies;
    }

    /// <summary>Runs a launcher action and returns how many it did (its {"done":n}).</summary>
    private async Task<int> ControlAsync(string action, string? queue = null, int count = 1)
    {
        var query = $"broker={Uri.EscapeDataString(BrokerName)}&count={count}{(queue is null ? string.Empty : $"&queue={Uri.EscapeDataString(queue)}")}";
        using var response = await _http.PostAsync($"control/{action}?{query}", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("done").GetInt32();
    }
}

/// <summary>A queue's figures as the broker reports them.</summary>
public sealed record BrokerQueue(long Size, long InFlight, int Consumers, int Producers, long Enqueued, long Dequeued, long Expired);
