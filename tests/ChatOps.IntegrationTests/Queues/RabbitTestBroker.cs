using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ChatOps.IntegrationTests.Queues;

/// <summary>
/// The test RabbitMQ (CHATOPS_TEST_RABBITMQ, started by scripts/services.sh), driven through its own management API:
/// a private virtual host per test class (with a '/' in its name, so escaping is exercised), queues, bindings and
/// published messages, and the broker's own figures to compare the bot's with.
/// </summary>
public sealed class RabbitTestBroker : IAsyncDisposable
{
    public const string Variable = "CHATOPS_TEST_RABBITMQ";

    private readonly HttpClient _http;
    private readonly List<IConnection> _consumers = [];

    public RabbitTestBroker()
    {
        Url = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException($"{Variable} is not set: run the integration tests through scripts/test.sh (scripts/services.sh starts RabbitMQ)");
        User = Environment.GetEnvironmentVariable("CHATOPS_TEST_RABBITMQ_USER") ?? "guest";
        Password = Environment.GetEnvironmentVariable("CHATOPS_TEST_RABBITMQ_PASSWORD") ?? "guest";
        VirtualHost = $"chatops/t-{Guid.NewGuid():N}"[..20];
        _http = new HttpClient { BaseAddress = new Uri(Url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(15) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
    }

    public string Url { get; }

    public string User { get; }

    public string Password { get; }

    public string VirtualHost { get; }

    private string Vh => Uri.EscapeDataString(VirtualHost);

    public async Task CreateAsync()
    {
        (await _http.PutAsync($"api/vhosts/{Vh}", null)).EnsureSuccessStatusCode();
        (await _http.PutAsJsonAsync($"api/permissions/{Vh}/{Uri.EscapeDataString(User)}", new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
    }

    public async Task DeclareQueueAsync(string name, Dictionary<string, object>? arguments = null) =>
        (await _http.PutAsJsonAsync($"api/queues/{Vh}/{Uri.EscapeDataString(name)}", new { durable = false, arguments = arguments ?? [] })).EnsureSuccessStatusCode();

    /// <summary>Declares over AMQP, which accepts names the management API's paths cannot carry (such as "..").</summary>
    public async Task DeclareOverAmqpAsync(string name)
    {
        var amqp = Environment.GetEnvironmentVariable("CHATOPS_TEST_RABBITMQ_AMQP")
            ?? throw new InvalidOperationException("CHATOPS_TEST_RABBITMQ_AMQP is not set: scripts/services.sh exports it");
        var factory = new ConnectionFactory { Uri = new Uri(amqp), UserName = User, Password = Password, VirtualHost = VirtualHost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(name, durable: false, exclusive: false, autoDelete: false);
    }

    /// <summary>The names of the virtual host's queues, as the broker lists them.</summary>
    public async Task<IReadOnlyList<string>> QueueNamesAsync() =>
        (await _http.GetFromJsonAsync<JsonElement>($"api/queues/{Vh}?columns=name")).EnumerateArray().Select(q => q.GetProperty("name").GetString()!).ToList();

    public async Task DeclareExchangeAsync(string name, string type) =>
        (await _http.PutAsJsonAsync($"api/exchanges/{Vh}/{Uri.EscapeDataString(name)}", new { type, durable = false })).EnsureSuccessStatusCode();

    public async Task BindAsync(string exchange, string queue, string routingKey) =>
        (await _http.PostAsJsonAsync($"api/bindings/{Vh}/e/{Uri.EscapeDataString(exchange)}/q/{Uri.EscapeDataString(queue)}", new { routing_key = routingKey })).EnsureSuccessStatusCode();

    /// <summary>Publishes through the default exchange, then waits until the broker's statistics show the new depth.</summary>
    public async Task PublishAsync(string queue, int count)
    {
        var before = (await QueueAsync(queue)).Messages;
        for (var i = 0; i < count; i++)
        {
            var response = await _http.PostAsJsonAsync($"api/exchanges/{Vh}/amq.default/publish",
                new { properties = new { }, routing_key = queue, payload = $"message {i}", payload_encoding = "string" });
            response.EnsureSuccessStatusCode();
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("routed").GetBoolean().ShouldBeTrue();
        }

        await WaitForDepthAsync(queue, before + count);
    }

    /// <summary>
    /// Attaches a real AMQP consumer (RabbitMQ.Client) that takes up to <paramref name="prefetch"/> messages and never
    /// acknowledges them, then waits until the broker's statistics show it with that many unacknowledged.
    /// </summary>
    public async Task HoldConsumerAsync(string queue, ushort prefetch, long unacked)
    {
        var amqp = Environment.GetEnvironmentVariable("CHATOPS_TEST_RABBITMQ_AMQP")
            ?? throw new InvalidOperationException("CHATOPS_TEST_RABBITMQ_AMQP is not set: scripts/services.sh exports it");
        var factory = new ConnectionFactory { Uri = new Uri(amqp), UserName = User, Password = Password, VirtualHost = VirtualHost };
        var connection = await factory.CreateConnectionAsync();
        _consumers.Add(connection);
        var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, prefetch, false);
        await channel.BasicConsumeAsync(queue, autoAck: false, new AsyncEventingBasicConsumer(channel));
        for (var i = 0; i < 80; i++)
        {
            var q = await QueueAsync(queue);
            if (q.Consumers == 1 && q.Unacked == unacked)
            {
                return;
            }

            await Task.Delay(125);
        }

        (await QueueAsync(queue)).Unacked.ShouldBe(unacked, $"the broker did not report {unacked} unacknowledged for {queue}");
    }

    /// <summary>
    /// Takes messages and rejects them without requeueing (the management API's get with reject_requeue_false), so a
    /// queue with a dead-letter exchange has the broker dead-letter them.
    /// </summary>
    public async Task RejectAsync(string queue, int count)
    {
        var response = await _http.PostAsJsonAsync($"api/queues/{Vh}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "reject_requeue_false", encoding = "auto", truncate = 10 });
        response.EnsureSuccessStatusCode();
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength().ShouldBe(count);
    }

    /// <summary>The names of the virtual host's shovel parameters: a finished replay leaves none.</summary>
    public async Task<IReadOnlyList<string>> ShovelParametersAsync() =>
        (await _http.GetFromJsonAsync<JsonElement>($"api/parameters/shovel/{Vh}")).EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();

    public async Task WaitForDepthAsync(string queue, long depth)
    {
        for (var i = 0; i < 80 && (await QueueAsync(queue)).Messages != depth; i++)
        {
            await Task.Delay(125);
        }

        (await QueueAsync(queue)).Messages.ShouldBe(depth, $"the broker did not report depth {depth} for {queue}");
    }

    /// <summary>The queue's figures as the broker's API reports them.</summary>
    public async Task<(long Messages, long Ready, long Unacked, int Consumers)> QueueAsync(string queue)
    {
        var q = await _http.GetFromJsonAsync<JsonElement>($"api/queues/{Vh}/{Uri.EscapeDataString(queue)}");
        static long Get(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
        return (Get(q, "messages"), Get(q, "messages_ready"), Get(q, "messages_unacknowledged"), (int)Get(q, "consumers"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _consumers)
        {
            await connection.DisposeAsync();
        }

        await _http.DeleteAsync($"api/vhosts/{Vh}");
        _http.Dispose();
    }
}
