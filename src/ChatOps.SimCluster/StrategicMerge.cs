using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// Strategic merge patch with the merge keys the core types declare (containers, volumes, env and
/// imagePullSecrets by name, container ports by containerPort, service ports by port, volumeMounts by mountPath)
/// and the directives kubectl sends: <c>$patch: delete|replace</c>, <c>$retainKeys</c>,
/// <c>$deleteFromPrimitiveList/field</c> and <c>$setElementOrder/field</c> (order only, so ignored). A list
/// without a merge key is replaced, as the real server does.
/// </summary>
public static class StrategicMerge
{
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["imagePullSecrets"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
        ["ownerReferences"] = "uid",
        ["conditions"] = "type",
    };

    public static JsonObject Apply(JsonObject target, JsonObject patch) => MergeObject(target, patch) ?? [];

    private static JsonObject? MergeObject(JsonObject? target, JsonObject patch)
    {
        switch (patch.Str("$patch"))
        {
            case "delete":
                return null;
            case "replace":
                return MergeObject(null, WithoutDirective(patch));
        }

        var result = target is null ? [] : (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray values && value is JsonArray remove)
                {
                    result[field] = new JsonArray(values.Where(v => !remove.Any(r => JsonNode.DeepEquals(r, v))).Select(v => v?.DeepClone()).ToArray());
                }
            }
            else if (key.StartsWith('$'))
            {
                continue; // $patch is handled above, $retainKeys below; $setElementOrder only orders
            }
            else if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject child)
            {
                var merged = MergeObject(result[key] as JsonObject, child);
                if (merged is null)
                {
                    result.Remove(key);
                }
                else
                {
                    result[key] = merged;
                }
            }
            else if (value is JsonArray list)
            {
                result[key] = MergeList(key, result[key] as JsonArray, list);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? target, JsonArray patch)
    {
        var items = patch.OfType<JsonObject>().ToList();
        if (items.Any(i => i.Str("$patch") == "replace"))
        {
            return new JsonArray(items.Where(i => i.Str("$patch") != "replace").Select(i => (JsonNode?)MergeObject(null, i)).ToArray());
        }

        var key = MergeKey(field, items);
        if (key is null || items.Count != patch.Count)
        {
            return (JsonArray)patch.DeepClone();
        }

        var result = target is null ? [] : (JsonArray)target.DeepClone();
        foreach (var item in items)
        {
            var existing = result.OfType<JsonObject>().FirstOrDefault(e => JsonNode.DeepEquals(e[key], item[key]));
            var merged = MergeObject(existing, item);
            if (existing is not null)
            {
                var at = result.IndexOf(existing);
                result.RemoveAt(at);
                if (merged is not null)
                {
                    result.Insert(at, merged);
                }
            }
            else if (merged is not null)
            {
                result.Add(merged);
            }
        }

        return result;
    }

    private static string? MergeKey(string field, List<JsonObject> items) => field switch
    {
        // Container ports merge by containerPort, a Service's by port.
        "ports" => items.Any(i => i.ContainsKey("containerPort")) ? "containerPort" : items.Any(i => i.ContainsKey("port")) ? "port" : null,
        _ => MergeKeys.GetValueOrDefault(field),
    };

    private static JsonObject WithoutDirective(JsonObject patch)
    {
        var copy = (JsonObject)patch.DeepClone();
        copy.Remove("$patch");
        return copy;
    }
}
