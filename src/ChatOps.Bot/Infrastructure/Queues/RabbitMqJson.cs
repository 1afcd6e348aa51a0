using ChatOps.Bot.Features.Queues;

namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>
/// Reads the management API's queue objects. Statistics fields are absent on a queue the broker has not reported on
/// yet (and <c>message_stats</c> until something was published), so every figure is optional. One queue is always
/// read whole: asked with <c>columns</c>, RabbitMQ 3.10 answers <c>[]</c> for a queue it has no statistics for yet.
/// </summary>
internal static class RabbitMqJson
{
    /// <summary>The fields a queue listing asks for, so a broker with many queues answers in one cheap round trip.</summary>
    public const string Columns =
        "name,messages,messages_ready,messages_unacknowledged,consumers," +
        "message_stats.publish_details.rate,message_stats.deliver_get_details.rate";

    public static QueueStats Stats(JsonElement q) => new(
        Text(q, "name") ?? string.Empty,
        Long(q, "messages"),
        Long(q, "messages_ready"),
        Long(q, "messages_unacknowledged"),
        (int)Long(q, "consumers"),
        Rate(q, "publish_details"),
        Rate(q, "deliver_get_details"));

    /// <summary>The dead-letter exchange and routing key from the queue's arguments, else from its effective policy.</summary>
    public static (string? Exchange, string? RoutingKey) DeadLetter(JsonElement q)
    {
        if (q.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.Object
            && Text(args, "x-dead-letter-exchange") is { } exchange)
        {
            return (exchange, Text(args, "x-dead-letter-routing-key"));
        }

        if (q.TryGetProperty("effective_policy_definition", out var policy) && policy.ValueKind == JsonValueKind.Object
            && Text(policy, "dead-letter-exchange") is { } fromPolicy)
        {
            return (fromPolicy, Text(policy, "dead-letter-routing-key"));
        }

        return (null, null);
    }

    /// <summary>The <c>{"error","reason"}</c> body of a refusal, shortened; empty when the body is not that.</summary>
    public static string Reason(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var reason = doc.RootElement.ValueKind == JsonValueKind.Object ? Text(doc.RootElement, "reason") ?? Text(doc.RootElement, "error") : null;
            return reason is null ? string.Empty : reason.Length <= 200 ? reason : reason[..200] + "…";
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private static long Long(JsonElement q, string name) =>
        q.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;

    private static double? Rate(JsonElement q, string details) =>
        q.TryGetProperty("message_stats", out var stats) && stats.ValueKind == JsonValueKind.Object
        && stats.TryGetProperty(details, out var d) && d.ValueKind == JsonValueKind.Object
        && d.TryGetProperty("rate", out var rate) && rate.ValueKind == JsonValueKind.Number
            ? rate.GetDouble()
            : null;

    public static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
