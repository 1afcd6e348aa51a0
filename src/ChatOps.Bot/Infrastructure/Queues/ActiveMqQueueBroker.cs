using System.Text.Json;
using ChatOps.Bot.Configuration;
using ChatOps.Bot.Operations.Queues;
using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>
/// <see cref="IQueueBroker"/> over ActiveMQ's Jolokia endpoint. Each operation is one bulk POST: the listing is a
/// wildcard read of every queue MBean, a check reads the queue and its dead-letter candidates together, and a purge
/// runs <c>purge()</c> and reads the depth after it in the same request (Jolokia runs a bulk request in order).
/// </summary>
internal sealed class ActiveMqQueueBroker(JolokiaClient jolokia, IOptionsMonitor<TargetOptions> options) : IQueueBroker
{
    private static readonly string[] Attributes =
        ["Name", "QueueSize", "ConsumerCount", "ProducerCount", "EnqueueCount", "DequeueCount", "InFlightCount", "ExpiredCount"];

    public async Task<IReadOnlyList<QueueStats>> ListQueuesAsync(string broker, CancellationToken cancellationToken)
    {
        var b = Options(broker);
        var replies = await jolokia.BulkAsync(
            broker, b, [JolokiaRequest.Read(ActiveMqNames.Broker(b), ["BrokerName"]), JolokiaRequest.Read(ActiveMqNames.AllQueues(b), Attributes)], cancellationToken);
        if (replies[0].Missing)
        {
            throw new BrokerUnavailableException(
                $"broker {broker} has no ActiveMQ broker named '{b.BrokerName}' (ChatOps:Brokers:{broker}:BrokerName)");
        }

        Expect(broker, replies[0], "the broker MBean");

        // A pattern that matches no MBean is a 404: the broker is there (checked above) and has no queues.
        if (replies[1].Missing)
        {
            return [];
        }

        Expect(broker, replies[1], "the queue listing");
        return replies[1].Value.ValueKind == JsonValueKind.Object
            ? replies[1].Value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => Stats(p.Value, null)).ToList()
            : throw new BrokerUnavailableException($"broker {broker} answered the queue listing with something other than MBeans");
    }

    public async Task<QueueDetail?> GetQueueAsync(string broker, string queue, CancellationToken cancellationToken)
    {
        var b = Options(broker);
        var candidates = ActiveMqNames.DeadLetterCandidates(queue);
        var requests = new List<JolokiaRequest> { JolokiaRequest.Read(ActiveMqNames.Queue(b, queue), Attributes) };
        requests.AddRange(candidates.Select(d => JolokiaRequest.Read(ActiveMqNames.Queue(b, d), Attributes)));
        var replies = await jolokia.BulkAsync(broker, b, requests, cancellationToken);
        if (replies[0].Missing)
        {
            return null;
        }

        Expect(broker, replies[0], $"queue {queue}");
        var deadLetter = candidates.Count == 0 ? null : new DeadLetterTarget(null, DeadLetterQueue(broker, candidates, replies.Skip(1).ToList()));
        return new QueueDetail(Stats(replies[0].Value, queue), deadLetter);
    }

    public async Task<QueueStats?> PurgeAsync(string broker, string queue, CancellationToken cancellationToken)
    {
        var b = Options(broker);
        var mbean = ActiveMqNames.Queue(b, queue);
        var replies = await jolokia.BulkAsync(
            broker, b, [JolokiaRequest.Exec(mbean, "purge()"), JolokiaRequest.Read(mbean, Attributes)], cancellationToken);
        if (replies[0].Missing)
        {
            return null;
        }

        Expect(broker, replies[0], $"purge of queue {queue}");
        Expect(broker, replies[1], $"queue {queue}");
        return Stats(replies[1].Value, queue);
    }

    /// <summary>The first dead-letter candidate that exists; none while the broker has dead-lettered nothing for it.</summary>
    private static IReadOnlyList<QueueStats> DeadLetterQueue(string broker, IReadOnlyList<string> candidates, IReadOnlyList<JolokiaReply> replies)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!replies[i].Missing)
            {
                Expect(broker, replies[i], $"queue {candidates[i]}");
                return [Stats(replies[i].Value, candidates[i])];
            }
        }

        return [];
    }

    /// <summary>
    /// ActiveMQ's QueueSize counts dispatched but unacknowledged messages too; those are its InFlightCount, so ready
    /// is the difference, matching what RabbitMQ calls ready and unacked.
    /// </summary>
    private static QueueStats Stats(JsonElement v, string? name)
    {
        var depth = Long(v, "QueueSize");
        var inFlight = Long(v, "InFlightCount");
        return new QueueStats(
            v.TryGetProperty("Name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : name ?? string.Empty,
            depth,
            Math.Max(0, depth - inFlight),
            inFlight,
            (int)Long(v, "ConsumerCount"),
            Counters: new QueueCounters((int)Long(v, "ProducerCount"), Long(v, "EnqueueCount"), Long(v, "DequeueCount"), Long(v, "ExpiredCount")));
    }

    private static long Long(JsonElement v, string name) =>
        v.TryGetProperty(name, out var x) && x.ValueKind == JsonValueKind.Number && x.TryGetInt64(out var n) ? n : 0;

    private static void Expect(string broker, JolokiaReply reply, string what)
    {
        if (!reply.Found)
        {
            throw JolokiaClient.Refusal(broker, reply, what);
        }
    }

    private BrokerOptions Options(string broker)
    {
        if (!options.CurrentValue.Brokers.TryGetValue(broker, out var b))
        {
            throw new BrokerUnavailableException($"broker {broker} is not configured");
        }

        return b.Kind == BrokerKind.ActiveMq ? b : throw new BrokerUnavailableException($"broker {broker} is not an ActiveMQ broker");
    }
}
