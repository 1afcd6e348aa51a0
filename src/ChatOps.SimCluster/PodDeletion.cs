using System.Net;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// DELETE of a pod: the body's DeleteOptions dryRun is honoured and its preconditions (uid, resourceVersion) are
/// checked as the real server checks them (409 on a mismatch), the pod goes at once (no grace period is simulated),
/// the deleted object is the answer, and the deployment that owns its ReplicaSet is reconciled so the ReplicaSet
/// replaces it.
/// </summary>
public static class PodDeletion
{
    public static JsonObject Delete(ObjectStore store, DeploymentController controller, ObjectKey key, string body, bool dryRun)
    {
        lock (store.Gate)
        {
            var pod = store.Get(key) ?? throw ObjectStore.NotFound(key);
            var options = string.IsNullOrWhiteSpace(body) ? [] : Json.Parse(body);
            // kubectl delete --dry-run=server asks in the body's DeleteOptions, not in the query; the server honours both.
            dryRun |= (options["dryRun"] as JsonArray)?.Any(d => d?.GetValue<string>() == "All") == true;
            Precondition(key, "UID", options.Str("preconditions", "uid"), pod.Str("metadata", "uid"));
            Precondition(key, "ResourceVersion", options.Str("preconditions", "resourceVersion"), pod.Str("metadata", "resourceVersion"));
            var deleted = store.Delete(key, dryRun) ?? throw ObjectStore.NotFound(key);
            if (!dryRun && Owner(pod, "ReplicaSet") is { } rsName
                && store.Get(new ObjectKey(Kinds.ReplicaSets.Resource, key.Namespace, rsName)) is { } rs
                && Owner(rs, "Deployment") is { } deployment)
            {
                controller.Reconcile(new ObjectKey(Kinds.Deployments.Resource, key.Namespace, deployment));
            }

            return deleted;
        }
    }

    private static void Precondition(ObjectKey key, string what, string? asked, string? actual)
    {
        if (!string.IsNullOrEmpty(asked) && asked != actual)
        {
            throw new ApiException(HttpStatusCode.Conflict, "Conflict",
                $"Operation cannot be fulfilled on {Kinds.Qualified(key.Resource)} \"{key.Name}\": Precondition failed: {what} in precondition: {asked}, {what} in object meta: {actual}");
        }
    }

    private static string? Owner(JsonObject obj, string kind) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray)?.FirstOrDefault(r => r.Str("kind") == kind)?.Str("name");
}
