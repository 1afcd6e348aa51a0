namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>The dead-letter headers RabbitMQ adds (x-first-death-*, x-death) as the management API's get shows them.</summary>
internal static class RabbitMqReplayJson
{
    public static string? FirstDeathQueue(JsonElement message) =>
        Headers(message, out var h) ? RabbitMqJson.Text(h, "x-first-death-queue") : null;

    /// <summary>When the message was last dead-lettered: x-death's newest entry, in seconds since the epoch.</summary>
    public static DateTimeOffset? DeathTime(JsonElement message) =>
        Headers(message, out var h) && h.TryGetProperty("x-death", out var deaths) && deaths.ValueKind == JsonValueKind.Array
        && deaths.GetArrayLength() > 0 && deaths[0].TryGetProperty("time", out var t) && t.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The message's string headers and message id, shortened; x-death is summarised by its count.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(JsonElement message)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (message.TryGetProperty("properties", out var p) && RabbitMqJson.Text(p, "message_id") is { } id)
        {
            list.Add(new("message_id", Features.Queues.QueueText.Short(id)));
        }

        if (Headers(message, out var h))
        {
            list.AddRange(h.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.String).Take(6)
                .Select(x => new KeyValuePair<string, string>(x.Name, Features.Queues.QueueText.Short(x.Value.GetString()!))));
            if (h.TryGetProperty("x-death", out var deaths) && deaths.ValueKind == JsonValueKind.Array
                && deaths.GetArrayLength() > 0 && deaths[0].TryGetProperty("count", out var c))
            {
                list.Add(new("x-death count", c.ToString()));
            }
        }

        return list;
    }

    private static bool Headers(JsonElement message, out JsonElement headers)
    {
        headers = default;
        return message.ValueKind == JsonValueKind.Object && message.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            && p.TryGetProperty("headers", out headers) && headers.ValueKind == JsonValueKind.Object;
    }
}
