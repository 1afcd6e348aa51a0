using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// Namespace objects: the four every cluster starts with, and any a seed puts workloads in, so <c>kubectl get ns</c>
/// answers as on a real cluster and a create into a namespace that does not exist is refused (404) as there.
/// </summary>
public static class Namespaces
{
    public static readonly IReadOnlyList<string> Initial = ["default", "kube-node-lease", "kube-public", "kube-system"];

    public static void Ensure(ObjectStore store, string name)
    {
        lock (store.Gate)
        {
            var key = new ObjectKey(Kinds.Namespaces.Resource, string.Empty, name);
            if (store.Get(key) is null)
            {
                store.Create(key, New(name));
            }
        }
    }

    /// <summary>A namespace as the server stores it on create: Active, with the name label the server adds.</summary>
    public static JsonObject New(string name) => Active(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    });

    public static JsonObject Active(JsonObject ns)
    {
        ns.Obj("metadata").Obj("labels")["kubernetes.io/metadata.name"] = ns.Str("metadata", "name");
        ns["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
        ns["status"] = new JsonObject { ["phase"] = "Active" };
        return ns;
    }
}
