using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>JSON helpers. Stored objects are normalized the way a typed decode/encode in the real API server
/// normalizes them (nulls dropped, one property order), so equal objects are byte-identical however a client
/// ordered its fields.</summary>
public static class Json
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static JsonObject Parse(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new BadRequestException("the body must be a JSON object");

    public static string Write(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    /// <summary>Sorted keys, nulls dropped, recursively; a new tree.</summary>
    public static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => Sorted(o),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static JsonObject Sorted(JsonObject o)
    {
        var result = new JsonObject();
        foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value is not null)
            {
                result[key] = Normalize(value);
            }
        }

        return result;
    }

    public static JsonObject Obj(this JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    public static string? Str(this JsonNode? node, params string[] path)
    {
        var n = node;
        foreach (var p in path)
        {
            n = (n as JsonObject)?[p];
        }

        return n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    public static long? Num(this JsonNode? node, params string[] path)
    {
        var n = node;
        foreach (var p in path)
        {
            n = (n as JsonObject)?[p];
        }

        // Values built in code hold an int, values parsed from a request a JsonElement: read both through their text.
        return n is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? (long)x : null;
    }

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(Normalize(a), Normalize(b));
}
