using ChatOps.Bot.Features.Queues;

namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>
/// <see cref="IQueueBroker"/> over ActiveMQ's Jolokia endpoint. Each operation is one bulk POST: the listing is a
/// wildcard read of every queue MBean and a check reads the queue and its dead-letter candidates together. A purge is
/// two: a read proving the MBean is the queue asked for (<see cref="ActiveMqIdentity"/>), then <c>purge()</c> between
/// reads of the name and the depth (Jolokia runs a bulk request in order but runs every request of it, so the proof
/// has to come back before the purge is sent).
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
            throw new PortFailure(
                $"broker {broker} has no ActiveMQ broker named '{b.BrokerName}' (ChatOps:Brokers:{broker}:BrokerName)");
        }

        replies[0].Expect(broker, "the broker MBean");
        var actual = replies[0].Value.ValueKind == JsonValueKind.Object && replies[0].Value.TryGetProperty("BrokerName", out var n) ? n.ToString() : null;
        if (!string.Equals(actual, b.BrokerName, StringComparison.Ordinal))
        {
            // BrokerName is encoded like a queue name, so 'a:b' in configuration would reach a broker named 'a_b'.
            throw new PortFailure(
                $"broker {broker}: BrokerName '{b.BrokerName}' reaches the ActiveMQ broker '{actual}', not '{b.BrokerName}' (ChatOps:Brokers:{broker}:BrokerName)");
        }

        // A pattern that matches no MBean is a 404: the broker is there (checked above) and has no queues.
        if (replies[1].Missing)
        {
            return [];
        }

        replies[1].Expect(broker, "the queue listing");
        return replies[1].Value.ValueKind == JsonValueKind.Object
            ? replies[1].Value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Select(p => Listed(broker, p.Value)).ToList()
            : throw new PortFailure($"broker {broker} answered the queue listing with something other than MBeans");
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

        replies[0].Expect(broker, $"queue {queue}");
        ActiveMqIdentity.Require(broker, replies[0].Value, queue);
        var deadLetter = candidates.Count == 0 ? null : DeadLetterQueue(broker, candidates, replies.Skip(1).ToList());
        return new QueueDetail(Stats(replies[0].Value), deadLetter);
    }

    public async Task<QueueStats?> PurgeAsync(string broker, string queue, CancellationToken cancellationToken)
    {
        var b = Options(broker);
        var mbean = ActiveMqNames.Queue(b, queue);
        var proof = (await jolokia.BulkAsync(broker, b, [JolokiaRequest.Read(mbean, ["Name"])], cancellationToken))[0];
        if (proof.Missing)
        {
            return null;
        }

        proof.Expect(broker, $"queue {queue}");
        ActiveMqIdentity.Require(broker, proof.Value, queue);

        var purged = await ActiveMqIdentity.ExecCheckedAsync(
            jolokia, broker, b, queue, m => JolokiaRequest.Exec(m, "purge()"), Attributes, "purge", "purge", cancellationToken);
        return purged is { After: var after } ? Stats(after) : null;
    }

    public Task<ReplayPreview?> PreviewReplayAsync(string broker, ReplayPlan plan, CancellationToken cancellationToken) =>
        ActiveMqReplay.PreviewAsync(jolokia, broker, Options(broker), plan, cancellationToken);

    public Task<ReplayOutcome?> ReplayAsync(string broker, ReplayPlan plan, CancellationToken cancellationToken) =>
        ActiveMqReplay.ReplayAsync(jolokia, broker, Options(broker), plan, cancellationToken);

    /// <summary>
    /// The first dead-letter candidate that exists; none while the broker has dead-lettered nothing for it. A candidate
    /// whose MBean belongs to another queue leaves the dead-letter queue unresolved rather than showing that queue.
    /// </summary>
    private static DeadLetterTarget DeadLetterQueue(string broker, IReadOnlyList<string> candidates, IReadOnlyList<JolokiaReply> replies)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!replies[i].Missing)
            {
                replies[i].Expect(broker, $"queue {candidates[i]}");
                return ActiveMqIdentity.Is(replies[i].Value, candidates[i])
                    ? new DeadLetterTarget(null, [Stats(replies[i].Value)])
                    : new DeadLetterTarget(null, [],
                        $"the JMX name of '{candidates[i]}' belongs to {ActiveMqIdentity.Describe(replies[i].Value)}");
            }
        }

        return new DeadLetterTarget(null, []);
    }

    /// <summary>A queue of a wildcard listing, by its Name attribute: the object name's key is lossy and never shown.</summary>
    private static QueueStats Listed(string broker, JsonElement value) =>
        ActiveMqIdentity.Name(value) is not null
            ? Stats(value)
            : throw new PortFailure($"broker {broker} listed a queue MBean without its Name attribute");

    /// <summary>
    /// ActiveMQ's QueueSize counts dispatched but unacknowledged messages too; those are its InFlightCount, so ready
    /// is the difference, matching what RabbitMQ calls ready and unacked.
    /// </summary>
    private static QueueStats Stats(JsonElement v)
    {
        var depth = Long(v, "QueueSize");
        var inFlight = Long(v, "InFlightCount");
        return new QueueStats(
            ActiveMqIdentity.Name(v) ?? string.Empty,
            depth,
            Math.Max(0, depth - inFlight),
            inFlight,
            (int)Long(v, "ConsumerCount"),
            Counters: new QueueCounters((int)Long(v, "ProducerCount"), Long(v, "EnqueueCount"), Long(v, "DequeueCount"), Long(v, "ExpiredCount")));
    }

    private static long Long(JsonElement v, string name) =>
        v.TryGetProperty(name, out var x) && x.ValueKind == JsonValueKind.Number && x.TryGetInt64(out var n) ? n : 0;

    private BrokerOptions Options(string broker)
    {
        if (!options.CurrentValue.Brokers.TryGetValue(broker, out var b))
        {
            throw new PortFailure($"broker {broker} is not configured");
        }

        return b.Kind == BrokerKind.ActiveMq ? b : throw new PortFailure($"broker {broker} is not an ActiveMQ broker");
    }
}
