using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The status the controllers write, computed as upstream computes it. Reads return the stored status (as the real
/// API server does), so a condition's timestamps are those of its last change, not of the read.
/// </summary>
public sealed class StatusView
{
    public const string Progressing = "Progressing";

    /// <summary>The read hook of the router: status is stored, so the object is answered as stored.</summary>
    public JsonObject Decorate(string resource, JsonObject obj) => obj;

    public static JsonObject ReplicaSet(JsonObject rs, IReadOnlyCollection<JsonObject> pods)
    {
        var ready = pods.Count(Kubelet.IsReady);
        return Omitting0(new JsonObject
        {
            ["replicas"] = pods.Count,
            ["fullyLabeledReplicas"] = pods.Count,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["observedGeneration"] = rs.Num("metadata", "generation") ?? 1,
        }, keep: "replicas");
    }

    /// <summary>Counts from the ReplicaSets, then the Available and Progressing conditions (syncRolloutStatus).</summary>
    public static JsonObject Deployment(JsonObject d, JsonObject? newRs, IReadOnlyCollection<JsonObject> all, DateTimeOffset now)
    {
        var desired = d.Num("spec", "replicas") ?? 1;
        var available = Sum(all, "status", "availableReplicas");
        var status = Omitting0(new JsonObject
        {
            ["observedGeneration"] = d.Num("metadata", "generation") ?? 1,
            ["replicas"] = Sum(all, "status", "replicas"),
            ["updatedReplicas"] = newRs?.Num("status", "replicas") ?? 0,
            ["readyReplicas"] = Sum(all, "status", "readyReplicas"),
            ["availableReplicas"] = available,
            ["unavailableReplicas"] = Math.Max(Sum(all, "spec", "replicas") - available, 0),
        }, keep: null);
        var old = d["status"] as JsonObject ?? [];
        status["conditions"] = old["conditions"]?.DeepClone() ?? new JsonArray();
        var minimum = available >= desired - Fenceposts.MaxUnavailable(d);
        Set(status, minimum
            ? Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now)
            : Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now));

        var current = Find(status, Progressing);
        if (d["spec"]?["paused"]?.GetValue<bool>() == true)
        {
            Set(status, Condition(Progressing, "Unknown", "DeploymentPaused", "Deployment is paused", now));
            return status;
        }

        if (current?.Str("reason") == "DeploymentPaused")
        {
            Set(status, Condition(Progressing, "Unknown", "DeploymentResumed", "Deployment is resumed", now));
            current = Find(status, Progressing);
        }

        var name = newRs?.Str("metadata", "name");
        var complete = Num(status, "replicas") == Num(status, "updatedReplicas") && current?.Str("reason") == "NewReplicaSetAvailable";
        if (newRs is null || complete)
        {
            return status;
        }

        if (Num(status, "updatedReplicas") == desired && Num(status, "replicas") == desired && available == desired)
        {
            Set(status, Condition(Progressing, "True", "NewReplicaSetAvailable", $"ReplicaSet \"{name}\" has successfully progressed.", now));
        }
        else if (MadeProgress(old, status))
        {
            // Progress moves lastUpdateTime even when the reason stays, which is what restarts the deadline.
            var updated = Condition(Progressing, "True", "ReplicaSetUpdated", $"ReplicaSet \"{name}\" is progressing.", now);
            if (current?.Str("status") == "True")
            {
                updated["lastTransitionTime"] = current["lastTransitionTime"]?.DeepClone();
            }

            Remove(status, Progressing);
            ((JsonArray)status["conditions"]!).Add(updated);
        }
        else if (current is not null && TimedOut(d, current, now))
        {
            Set(status, Condition(Progressing, "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{name}\" has timed out progressing.", now));
        }

        return status;
    }

    /// <summary>SetDeploymentCondition: same status and reason keeps the condition as it is; same status keeps its transition time.</summary>
    public static void Set(JsonObject status, JsonObject condition)
    {
        var current = Find(status, condition.Str("type")!);
        if (current is not null && current.Str("status") == condition.Str("status") && current.Str("reason") == condition.Str("reason"))
        {
            return;
        }

        if (current is not null && current.Str("status") == condition.Str("status"))
        {
            condition["lastTransitionTime"] = current["lastTransitionTime"]?.DeepClone();
        }

        Remove(status, condition.Str("type")!);
        (status["conditions"] as JsonArray ?? (JsonArray)(status["conditions"] = new JsonArray())).Add(condition);
    }

    public static JsonObject Condition(string type, string status, string reason, string message, DateTimeOffset now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastUpdateTime"] = Json.Time(now),
        ["lastTransitionTime"] = Json.Time(now),
        ["reason"] = reason,
        ["message"] = message,
    };

    private static bool MadeProgress(JsonObject old, JsonObject now) =>
        Num(now, "updatedReplicas") > Num(old, "updatedReplicas")
        || Num(now, "replicas") - Num(now, "updatedReplicas") < Num(old, "replicas") - Num(old, "updatedReplicas")
        || Num(now, "readyReplicas") > Num(old, "readyReplicas")
        || Num(now, "availableReplicas") > Num(old, "availableReplicas");

    private static bool TimedOut(JsonObject d, JsonObject progressing, DateTimeOffset now)
    {
        if (progressing.Str("reason") == "ProgressDeadlineExceeded")
        {
            return true;
        }

        var from = DateTimeOffset.Parse(progressing.Str("lastUpdateTime")!, System.Globalization.CultureInfo.InvariantCulture);
        return from + TimeSpan.FromSeconds(d.Num("spec", "progressDeadlineSeconds") ?? 600) < now;
    }

    private static JsonObject? Find(JsonObject status, string type) =>
        (status["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);

    private static void Remove(JsonObject status, string type)
    {
        if (status["conditions"] is JsonArray conditions && conditions.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type) is { } found)
        {
            conditions.Remove(found);
        }
    }

    private static long Num(JsonObject status, string field) => status.Num(field) ?? 0;

    private static long Sum(IEnumerable<JsonObject> items, params string[] path) => items.Sum(i => i.Num(path) ?? 0);

    // Counts are omitempty in the API types: a real server never answers "readyReplicas": 0.
    private static JsonObject Omitting0(JsonObject status, string? keep)
    {
        foreach (var key in status.Where(p => p.Key != keep && p.Value.Num() == 0).Select(p => p.Key).ToList())
        {
            status.Remove(key);
        }

        return status;
    }
}
