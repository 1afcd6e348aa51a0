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

    public static string Describe(JsonElement value) => Name(value) is { } actual ? $"queue '{QueueText.Short(actual)}'" : "an MBean without a queue name";
}
