using ChatOps.Bot.Features.Silences;

namespace ChatOps.Bot.Infrastructure.Alertmanager;

/// <summary>The v2 API's silence and alert bodies, read leniently: unknown fields are ignored, a missing isEqual is true (pre-0.22).</summary>
internal static class AlertmanagerJson
{
    public static string Body(SilenceDraft s)
    {
        var body = new JsonObject
        {
            ["matchers"] = new JsonArray(s.Matchers.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.Name,
                ["value"] = m.Value,
                ["isRegex"] = m.IsRegex,
                ["isEqual"] = m.IsEqual,
            }).ToArray()),
            ["startsAt"] = s.StartsAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["endsAt"] = s.EndsAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["createdBy"] = s.CreatedBy,
            ["comment"] = s.Comment,
        };
        if (s.Id is not null)
        {
            body["id"] = s.Id;
        }

        return body.ToJsonString();
    }

    public static Silence Silence(JsonElement e) => new(
        Text(e, "id"),
        e.TryGetProperty("matchers", out var ms) && ms.ValueKind == JsonValueKind.Array
            ? ms.EnumerateArray().Select(m => new SilenceMatcher(
                Text(m, "name"), Text(m, "value"), Bool(m, "isRegex", false), Bool(m, "isEqual", true))).ToList()
            : [],
        Time(e, "startsAt"),
        Time(e, "endsAt"),
        Text(e, "createdBy"),
        Text(e, "comment"),
        e.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.Object ? Text(st, "state") : "unknown");

    public static IReadOnlyDictionary<string, string> Labels(JsonElement alert) =>
        alert.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object
            ? l.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Alertmanager answers errors as a JSON string or <c>{message}</c>; one short line either way.</summary>
    public static string Reason(string body)
    {
        var text = body.Trim();
        try
        {
            using var doc = JsonDocument.Parse(text);
            text = doc.RootElement.ValueKind switch
            {
                JsonValueKind.String => doc.RootElement.GetString() ?? string.Empty,
                JsonValueKind.Object when doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String => m.GetString()!,
                _ => text,
            };
        }
        catch (JsonException)
        {
            // Plain text (a proxy's error page): shown as it is, trimmed.
        }

        text = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;

    private static bool Bool(JsonElement e, string name, bool otherwise) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : otherwise;

    private static DateTimeOffset Time(JsonElement e, string name) =>
        DateTimeOffset.TryParse(Text(e, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.MinValue;
}
