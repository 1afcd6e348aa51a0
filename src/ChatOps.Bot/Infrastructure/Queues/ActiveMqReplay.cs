using ChatOps.Bot.Features.Queues;

namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>
/// <c>queue replay</c> on ActiveMQ: the DLQ MBean's own <c>retryMessages()</c> (each message back to its
/// OriginalDestination) or <c>moveMatchingMessagesTo(selector, dest, max)</c>, so messages never leave the broker.
/// The plan is first resolved by one bulk read: the DLQ's Name and size, a <c>browse</c> of the messages the move
/// would take (their origins and times) and the Name of every destination, each proved to be the queue meant. Only
/// then is the move sent, between a re-read of the DLQ's Name and its size afterwards.
/// </summary>
internal static class ActiveMqReplay
{
    private const string QueuePrefix = "queue://";

    public static async Task<ReplayPreview?> PreviewAsync(
        JolokiaClient jolokia, string broker, BrokerOptions b, ReplayPlan plan, CancellationToken cancellationToken)
    {
        var dlq = ActiveMqNames.Queue(b, plan.DeadLetterQueue);
        var browse = plan.Selector is { } selector
            ? JolokiaRequest.Exec(dlq, "browse(java.lang.String)", selector)
            : JolokiaRequest.Exec(dlq, "browse()");
        var replies = await jolokia.BulkAsync(broker, b, [JolokiaRequest.Read(dlq, ["Name", "QueueSize"]), browse], cancellationToken);
        if (replies[0].Missing)
        {
            return null;
        }

        replies[0].Expect(broker, $"queue {plan.DeadLetterQueue}");
        ActiveMqIdentity.Require(broker, replies[0].Value, plan.DeadLetterQueue);
        replies[1].Expect(broker, $"browse of queue {plan.DeadLetterQueue}");

        var messages = replies[1].Value.ValueKind == JsonValueKind.Array ? replies[1].Value.EnumerateArray().ToList() : [];
        var size = replies[0].Value.TryGetProperty("QueueSize", out var q) && q.TryGetInt64(out var n) ? n : messages.Count;
        var matching = plan.Selector is null ? size : messages.Count;
        var toMove = Math.Min(matching, plan.Limit ?? matching);

        // The browse shows messages in queue order, which is the order the move takes them in.
        var moving = messages.Take((int)Math.Min(toMove, messages.Count)).ToList();
        var destinations = plan.To is { } to ? [to] : Origins(broker, plan, moving);
        await ProveAsync(jolokia, broker, b, destinations, cancellationToken);

        var times = moving.Select(Timestamp).OfType<DateTimeOffset>().ToList();
        return new ReplayPreview(
            plan.DeadLetterQueue, matching, toMove, times.Count > 0 ? times.Min() : null, times.Count > 0 ? times.Max() : null,
            moving.Count > 0 ? Headers(moving[0]) : [], Describe(plan, destinations));
    }

    public static async Task<ReplayOutcome?> ReplayAsync(
        JolokiaClient jolokia, string broker, BrokerOptions b, ReplayPlan plan, CancellationToken cancellationToken)
    {
        if (await PreviewAsync(jolokia, broker, b, plan, cancellationToken) is not { } preview)
        {
            return null;
        }

        if (!plan.IsRetryAll && preview.ToMove == 0)
        {
            return new ReplayOutcome(plan.DeadLetterQueue, 0, preview.Matching, preview.Destination);
        }

        var done = await ActiveMqIdentity.ExecCheckedAsync(
            jolokia, broker, b, plan.DeadLetterQueue,
            dlq => plan.IsRetryAll
                ? JolokiaRequest.Exec(dlq, "retryMessages()")
                : JolokiaRequest.Exec(dlq, "moveMatchingMessagesTo(java.lang.String,java.lang.String,int)",
                    plan.Selector ?? string.Empty, Destination(preview, plan), (int)Math.Min(int.MaxValue, preview.ToMove)),
            ["Name", "QueueSize"], "replay", "move", cancellationToken);
        if (done is not (var result, var after))
        {
            return null;
        }

        var moved = result.ValueKind == JsonValueKind.Number ? result.GetInt64() : 0;
        var left = after.TryGetProperty("QueueSize", out var s) && s.TryGetInt64(out var n) ? n : 0;
        return new ReplayOutcome(plan.DeadLetterQueue, moved, left, preview.Destination);
    }

    /// <summary>The one queue a move sends to: --to, or the single origin of the messages it takes.</summary>
    private static string Destination(ReplayPreview preview, ReplayPlan plan) => plan.To ?? preview.Destination;

    /// <summary>
    /// The queues the messages came from. A move has one destination, so with a limit or selector and no --to the
    /// messages it takes must share their origin; the broker's retry sends each to its own and may have several.
    /// </summary>
    private static List<string> Origins(string broker, ReplayPlan plan, IReadOnlyList<JsonElement> moving)
    {
        var raw = moving.Select(m => Text(m, "OriginalDestination") ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (raw.FirstOrDefault(o => !o.StartsWith(QueuePrefix, StringComparison.Ordinal)) is { } other)
        {
            throw new ReplayRefusedException(
                $"refused: a message in {plan.DeadLetterQueue} on broker {broker} came from '{(other.Length == 0 ? "an unknown destination" : QueueText.Short(other))}', not a queue: name one with --to");
        }

        var origins = raw.Select(o => o[QueuePrefix.Length..]).Order(StringComparer.Ordinal).ToList();
        if (!plan.IsRetryAll && origins.Count > 1)
        {
            throw new ReplayRefusedException(
                $"refused: the messages to move came from {origins.Count} queues ({string.Join(", ", origins.Take(5).Select(QueueText.Short))}): name one with --to");
        }

        return origins;
    }

    /// <summary>Every destination must exist and its MBean must be that queue: a move to a colliding name would feed another queue.</summary>
    private static async Task ProveAsync(JolokiaClient jolokia, string broker, BrokerOptions b, IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        if (queues.Count == 0)
        {
            return;
        }

        var replies = await jolokia.BulkAsync(broker, b, queues.Select(q => JolokiaRequest.Read(ActiveMqNames.Queue(b, q), ["Name"])).ToList(), cancellationToken);
        for (var i = 0; i < queues.Count; i++)
        {
            if (replies[i].Missing)
            {
                throw new ReplayRefusedException($"refused: there is no queue '{QueueText.Short(queues[i])}' on broker {broker} to replay to (a replay creates none)");
            }

            replies[i].Expect(broker, $"queue {queues[i]}");
            ActiveMqIdentity.Require(broker, replies[i].Value, queues[i]);
        }
    }

    private static string Describe(ReplayPlan plan, IReadOnlyList<string> destinations) => destinations switch
    {
        [] => "nowhere (nothing to move)",
        [var one] when plan.To is not null || !plan.IsRetryAll => one,
        _ => $"each message's original queue ({string.Join(", ", destinations.Take(5).Select(QueueText.Short))}{(destinations.Count > 5 ? ", …" : string.Empty)})",
    };

    private static List<KeyValuePair<string, string>> Headers(JsonElement m)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var key in new[] { "JMSMessageID", "OriginalDestination", "JMSTimestamp", "JMSCorrelationID", "JMSType" })
        {
            if (Text(m, key) is { } v)
            {
                headers.Add(new(key, QueueText.Short(v)));
            }
        }

        if (m.TryGetProperty("StringProperties", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            headers.AddRange(props.EnumerateObject().Take(5).Select(p => new KeyValuePair<string, string>(p.Name, QueueText.Short(p.Value.ToString()))));
        }

        return headers;
    }

    private static DateTimeOffset? Timestamp(JsonElement m) =>
        Text(m, "JMSTimestamp") is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : null;

    private static string? Text(JsonElement m, string name) =>
        m.ValueKind == JsonValueKind.Object && m.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
