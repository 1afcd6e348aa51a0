using System.Net;
using System.Net.Http.Headers;
using ChatOps.Bot.Features.Queues;

namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>
/// <see cref="IQueueBroker"/> over the RabbitMQ management HTTP API. Every call carries Basic credentials from
/// configuration and is bounded by the broker's RequestTimeout; no message this class builds holds the URL's user
/// info or the credentials.
/// </summary>
internal sealed partial class RabbitMqQueueBroker(IHttpClientFactory clients, IOptionsMonitor<TargetOptions> options, TimeProvider clock) : IQueueBroker
{
    public const string HttpClientName = "rabbitmq";

    /// <summary>
    /// The management API's figures come from statistics each queue emits every collect_statistics_interval (5 s by
    /// default), so right after a purge the old depth can still show; the purge waits this long for the new one.
    /// </summary>
    private static readonly TimeSpan PurgeSettle = TimeSpan.FromSeconds(7);

    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(250);

    public async Task<IReadOnlyList<QueueStats>> ListQueuesAsync(string broker, CancellationToken cancellationToken)
    {
        var b = Options(broker);
        using var doc = await GetAsync(broker, b, $"api/queues/{RabbitMqPaths.Vhost(broker, b)}?columns={RabbitMqJson.Columns}", cancellationToken)
            ?? throw new PortFailure($"broker {broker} has no virtual host '{b.VirtualHost}'");
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new PortFailure($"broker {broker} answered the queue listing with something other than a list");
        }

        // A listing carries each queue's own name, so rows never show a name derived from a path or key.
        return doc.RootElement.EnumerateArray().Where(q => q.ValueKind == JsonValueKind.Object).Select(RabbitMqJson.Stats).ToList();
    }

    public async Task<QueueDetail?> GetQueueAsync(string broker, string queue, CancellationToken cancellationToken)
    {
        var b = Options(broker);
        using var doc = await GetAsync(broker, b, RabbitMqPaths.Queue(broker, b, queue), cancellationToken);
        if (doc is null)
        {
            return null;
        }

        RabbitMqPaths.RequireQueue(broker, b, doc.RootElement, queue);
        var stats = RabbitMqJson.Stats(doc.RootElement);
        var (exchange, routingKey) = RabbitMqJson.DeadLetter(doc.RootElement);
        return new QueueDetail(stats, exchange is null ? null : await DeadLetterAsync(broker, b, queue, exchange, routingKey, cancellationToken));
    }

    public async Task<QueueStats?> PurgeAsync(string broker, string queue, CancellationToken cancellationToken)
    {
        var b = Options(broker);
        // Built first, so a name the server would move elsewhere is refused naming where the DELETE would land.
        var contents = RabbitMqPaths.Queue(broker, b, queue, "contents");
        var path = RabbitMqPaths.Queue(broker, b, queue);

        // The DELETE goes to the path a read has just shown to be this queue of this virtual host, never before.
        using (var before = await GetAsync(broker, b, path, cancellationToken))
        {
            if (before is null)
            {
                return null;
            }

            RabbitMqPaths.RequireQueue(broker, b, before.RootElement, queue);
        }

        using (var response = await SendAsync(broker, b, HttpMethod.Delete, contents, cancellationToken))
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        }

        var deadline = clock.GetUtcNow() + PurgeSettle;
        while (true)
        {
            using var doc = await GetAsync(broker, b, path, cancellationToken);
            if (doc is null)
            {
                return null;
            }

            RabbitMqPaths.RequireQueue(broker, b, doc.RootElement, queue);
            var stats = RabbitMqJson.Stats(doc.RootElement);
            if (stats.Ready == 0 || clock.GetUtcNow() >= deadline)
            {
                return stats;
            }

            await Task.Delay(SettlePoll, clock, cancellationToken);
        }
    }

    /// <summary>
    /// The queues a dead-letter exchange routes this queue's messages to. Direct and fanout routing is resolved from
    /// the exchange's bindings; a topic or headers exchange is reported as unresolved rather than guessed.
    /// </summary>
    private async Task<DeadLetterTarget> DeadLetterAsync(
        string broker, BrokerOptions b, string queue, string exchange, string? routingKey, CancellationToken cancellationToken)
    {
        var targets = new List<string>();
        if (exchange.Length == 0)
        {
            // The default exchange routes by queue name; without a routing key the message keeps its own, unknown here.
            if (routingKey is null)
            {
                return new DeadLetterTarget(exchange, [], "the default exchange with no x-dead-letter-routing-key keeps each message's own routing key");
            }

            targets.Add(routingKey);
        }
        else
        {
            if (RabbitMqPaths.Exchange(broker, b, exchange) is not { } exchangePath)
            {
                return new DeadLetterTarget(exchange, [], $"the exchange's name cannot be addressed: {RabbitMqPaths.PathStep}");
            }

            using var ex = await GetAsync(broker, b, exchangePath, cancellationToken);
            if (ex is null)
            {
                return new DeadLetterTarget(exchange, [], "the exchange does not exist");
            }

            if (!RabbitMqPaths.Is(ex.RootElement, exchange, b))
            {
                return new DeadLetterTarget(exchange, [], $"the management API answered for {RabbitMqPaths.Describe(ex.RootElement)} instead of the exchange");
            }

            var type = RabbitMqJson.Text(ex.RootElement, "type");
            if (type is not ("direct" or "fanout"))
            {
                return new DeadLetterTarget(exchange, [], $"it is a {type} exchange");
            }

            using var bindings = await GetAsync(broker, b, $"{exchangePath}/bindings/source", cancellationToken);
            if (bindings is null)
            {
                return new DeadLetterTarget(exchange, [], "the exchange does not exist");
            }

            var key = routingKey ?? queue;
            targets.AddRange(bindings.RootElement.EnumerateArray()
                .Where(x => RabbitMqJson.Text(x, "destination_type") == "queue"
                    && (type == "fanout" || RabbitMqJson.Text(x, "routing_key") == key))
                .Select(x => RabbitMqJson.Text(x, "destination") ?? string.Empty)
                .Distinct(StringComparer.Ordinal));
        }

        var queues = new List<QueueStats>();
        foreach (var target in targets)
        {
            if (RabbitMqPaths.IsPathStep(target))
            {
                return new DeadLetterTarget(exchange, [], $"it routes them to queue '{target}', which cannot be addressed: {RabbitMqPaths.PathStep}");
            }

            using var doc = await GetAsync(broker, b, RabbitMqPaths.Queue(broker, b, target), cancellationToken);
            if (doc is null)
            {
                continue;
            }

            if (!RabbitMqPaths.Is(doc.RootElement, target, b))
            {
                return new DeadLetterTarget(exchange, [], $"the management API answered for {RabbitMqPaths.Describe(doc.RootElement)} instead of queue '{target}'");
            }

            queues.Add(RabbitMqJson.Stats(doc.RootElement));
        }

        return new DeadLetterTarget(exchange, queues);
    }

    private BrokerOptions Options(string broker)
    {
        if (!options.CurrentValue.Brokers.TryGetValue(broker, out var b))
        {
            throw new PortFailure($"broker {broker} is not configured");
        }

        return b.Kind == BrokerKind.RabbitMq ? b : throw new PortFailure($"broker {broker} is not a RabbitMQ broker");
    }

    /// <summary>The parsed body, or null on 404.</summary>
    private async Task<JsonDocument?> GetAsync(string broker, BrokerOptions b, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(broker, b, HttpMethod.Get, path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        try
        {
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new PortFailure($"broker {broker} answered something that is not the management API's JSON", ex);
        }
    }

    /// <summary>Sends one request within the broker's timeout. Success and 404 come back; everything else throws, naming the broker.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        string broker, BrokerOptions b, HttpMethod method, string path, CancellationToken cancellationToken, JsonNode? body = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(b.RequestTimeout);
        using var request = new HttpRequestMessage(method, RabbitMqPaths.Absolute(BaseUri(b), path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = HttpCredentials.Basic(b.User, b.Password);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PortFailure($"broker {broker} did not answer within {b.RequestTimeout.TotalSeconds:0.#}s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PortFailure($"broker {broker} is unreachable ({ex.HttpRequestError})", ex);
        }

        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
        {
            return response;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new PortFailure($"broker {broker} refused the bot's credentials (401): check ChatOps:Brokers:{broker}:User and Password");
            }

            var reason = RabbitMqJson.Reason(await response.Content.ReadAsStringAsync(cancellationToken));
            throw new PortFailure(
                $"broker {broker} answered {(int)response.StatusCode}{(reason.Length > 0 ? $": {reason}" : string.Empty)}");
        }
    }

    /// <summary>The management URL without user info, ending in '/' so relative API paths append to any path prefix.</summary>
    private static Uri BaseUri(BrokerOptions b)
    {
        var builder = new UriBuilder(b.Url) { UserName = string.Empty, Password = string.Empty };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }
}
