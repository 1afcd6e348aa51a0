using ChatOps.Bot.Features.Queues;

namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>
/// ActiveMQ's object names are lossy (<see cref="ActiveMqNames.Encode"/>: <c>p:x</c> and <c>p_x</c> share one MBean,
/// which the queue registered first owns), so every queue MBean read is checked against its Name attribute before
/// its figures are used or an operation is run on it.
/// </summary>
internal static class ActiveMqIdentity
{
    public const string SharedKey = "ActiveMQ registers both under the same JMX name, and that MBean is the other queue's";

    /// <summary>The Name attribute of a queue MBean read; null when the reply has none.</summary>
    public static string? Name(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;

    public static bool Is(JsonElement value, string queue) => string.Equals(Name(value), queue, StringComparison.Ordinal);

    /// <summary>Throws unless the MBean read is the queue asked for, naming both.</summary>
    public static void Require(string broker, JsonElement value, string queue)
    {
        if (!Is(value, queue))
        {
            throw new WrongQueueException(broker, queue, Describe(value), SharedKey);
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on a queue's MBean in one bulk request between two reads of it, the first of
    /// its Name: a check made in an earlier round trip can be outdated by the time the operation runs (the queue deleted
    /// and a colliding one created), and an operation that ran on another queue has to be said rather than reported as
    /// this one's. Null when the MBean is gone; else the operation's value and the second read, of
    /// <paramref name="after"/>.
    /// </summary>
    /// <param name="verb">What the operation is called in messages: <c>purge</c>, <c>replay</c>.</param>
    /// <param name="ran">What ran, in the message of a replaced queue: <c>purge</c>, <c>move</c>.</param>
    public static async Task<(JsonElement Result, JsonElement After)?> ExecCheckedAsync(
        JolokiaClient jolokia, string broker, BrokerOptions b, string queue, Func<string, JolokiaRequest> operation,
        IReadOnlyList<string> after, string verb, string ran, CancellationToken cancellationToken)
    {
        var mbean = ActiveMqNames.Queue(b, queue);
        var replies = await jolokia.BulkAsync(
            broker, b, [JolokiaRequest.Read(mbean, ["Name"]), operation(mbean), JolokiaRequest.Read(mbean, after)], cancellationToken);
        if (replies[0].Found && !Is(replies[0].Value, queue))
        {
            throw new PortFailure(
                $"broker {broker}: queue '{queue}' was replaced by {Describe(replies[0].Value)} under the same JMX name " +
                $"between the check and the {verb}, so the {ran} ran on that queue");
        }

        return replies[1].Missing ? null : (replies[1].Expect(broker, $"{verb} of queue {queue}"), replies[2].Expect(broker, $"queue {queue}"));
    }

    public static string Describe(JsonElement value) => Name(value) is { } actual ? $"queue '{QueueText.Short(actual)}'" : "an MBean without a queue name";
}
