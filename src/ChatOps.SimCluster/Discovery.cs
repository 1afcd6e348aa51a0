using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// Legacy (non-aggregated) discovery documents. kubectl asks for aggregated discovery first and falls back to
/// these when the answer is plain <c>application/json</c>. The <c>deployments/scale</c> entry names the Scale
/// kind, which is how kubectl's scale client finds the subresource.
/// </summary>
public static class Discovery
{
    private static readonly string[] Verbs = ["create", "get", "list", "patch", "update", "watch"];

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-chatops-test",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string address) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = address }),
    };

    public static JsonObject Groups() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(NamedGroups().Select(g => (JsonNode)Group(g.Group, g.Version)).ToArray()),
    };

    public static JsonObject? Group(string name) =>
        NamedGroups().FirstOrDefault(g => g.Group == name) is { Group.Length: > 0 } found ? Group(found.Group, found.Version) : null;

    private static IEnumerable<(string Group, string Version)> NamedGroups() =>
        Kinds.All.Where(k => k.Group.Length > 0).Select(k => (k.Group, k.Version)).Distinct();

    private static JsonObject Group(string name, string version)
    {
        var gv = new JsonObject { ["groupVersion"] = $"{name}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = name,
            ["versions"] = new JsonArray(gv),
            ["preferredVersion"] = gv.DeepClone(),
        };
    }

    public static JsonObject? Resources(string groupVersion)
    {
        var resources = Kinds.All.Where(k => k.ApiVersion == groupVersion)
            .Select(k => Resource(k.Resource, k.KindName, k.ShortNames, k.Namespaced, k == Kinds.Pods ? [.. Verbs, "delete"] : Verbs))
            .ToList();
        if (resources.Count == 0)
        {
            return null;
        }

        if (groupVersion == "apps/v1")
        {
            var scale = Resource("deployments/scale", "Scale", null, namespaced: true);
            scale["group"] = "autoscaling";
            scale["version"] = "v1";
            scale["verbs"] = new JsonArray("get", "patch", "update");
            resources.Add(scale);
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = groupVersion,
            ["resources"] = new JsonArray(resources.ToArray<JsonNode>()),
        };
    }

    private static JsonObject Resource(string name, string kind, string? shortName, bool namespaced, string[]? verbs = null)
    {
        var r = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = name.Contains('/', StringComparison.Ordinal) ? string.Empty : kind.ToLowerInvariant(),
            ["namespaced"] = namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray((verbs ?? Verbs).Select(v => (JsonNode)v).ToArray()),
        };
        if (shortName is not null)
        {
            r["shortNames"] = new JsonArray(shortName);
        }

        return r;
    }
}
