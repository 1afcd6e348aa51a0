using System.Net;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The three patch types kubectl and the bot send: JSON patch (RFC 6902; kubectl rollout undo), JSON merge patch
/// (RFC 7386; kubectl scale) and strategic merge patch (kubectl rollout restart, set env, set image; see
/// <see cref="StrategicMerge"/>).
/// </summary>
public static class Patches
{
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";

    public static JsonObject Apply(JsonObject target, string contentType, string body)
    {
        var type = contentType.Split(';')[0].Trim();
        return type switch
        {
            JsonPatch => ApplyJsonPatch(target, body),
            MergePatch => (JsonObject)Merge(target, Json.Parse(body))!,
            StrategicMergePatch => StrategicMerge.Apply(target, Json.Parse(body)),
            _ => throw new ApiException(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {JsonPatch}, {MergePatch}, {StrategicMergePatch}"),
        };
    }

    /// <summary>RFC 7386: objects merge, null removes, anything else (lists too) replaces.</summary>
    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var merged = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = Merge(merged[key], value);
            }
        }

        return merged;
    }

    private static JsonObject ApplyJsonPatch(JsonObject target, string body)
    {
        if (JsonNode.Parse(body) is not JsonArray ops)
        {
            throw new BadRequestException("a JSON patch is an array of operations");
        }

        var doc = (JsonObject)target.DeepClone();
        foreach (var op in ops.OfType<JsonObject>())
        {
            var name = op.Str("op");
            var path = Pointer(op.Str("path") ?? throw new BadRequestException("a JSON patch operation needs a path"));
            switch (name)
            {
                case "add":
                    Set(doc, path, op["value"]?.DeepClone(), mustExist: false);
                    break;
                case "replace":
                    Set(doc, path, op["value"]?.DeepClone(), mustExist: true);
                    break;
                case "remove":
                    Remove(doc, path);
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Find(doc, path), op["value"]))
                    {
                        throw new ApiException(HttpStatusCode.UnprocessableEntity, "Invalid", $"the server rejected our request due to an error in our request: testing value {op.Str("path")} failed");
                    }

                    break;
                default:
                    throw new BadRequestException($"unsupported JSON patch operation '{name}'");
            }
        }

        return doc;
    }

    private static string[] Pointer(string path) => path.Length == 0
        ? []
        : path.TrimStart('/').Split('/').Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Find(JsonNode? node, string[] path)
    {
        foreach (var part in path)
        {
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }

        return node;
    }

    private static void Set(JsonObject doc, string[] path, JsonNode? value, bool mustExist)
    {
        var parent = Find(doc, path[..^1]);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject o when !mustExist || o.ContainsKey(last):
                o[last] = value;
                break;
            case JsonArray a when last == "-" && !mustExist:
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i <= a.Count:
                if (mustExist)
                {
                    a[i] = value;
                }
                else
                {
                    a.Insert(i, value);
                }

                break;
            default:
                throw new ApiException(HttpStatusCode.UnprocessableEntity, "Invalid", $"the server rejected our request due to an error in our request: {(mustExist ? "replace" : "add")} operation does not apply: doc is missing path: /{string.Join('/', path)}");
        }
    }

    private static void Remove(JsonObject doc, string[] path)
    {
        var parent = Find(doc, path[..^1]);
        var removed = parent switch
        {
            JsonObject o => o.Remove(path[^1]),
            JsonArray a when int.TryParse(path[^1], out var i) && i < a.Count => RemoveAt(a, i),
            _ => false,
        };
        if (!removed)
        {
            throw new ApiException(HttpStatusCode.UnprocessableEntity, "Invalid", $"the server rejected our request due to an error in our request: remove operation does not apply: doc is missing path: /{string.Join('/', path)}");
        }
    }

    private static bool RemoveAt(JsonArray a, int i)
    {
        a.RemoveAt(i);
        return true;
    }
}
