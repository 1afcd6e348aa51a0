using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>Status fields derived when an object is read: replica counts, conditions, pod readiness.</summary>
public sealed class StatusView(ObjectStore store, DeploymentController controller)
{
    public JsonObject Decorate(string resource, JsonObject obj) => resource switch
    {
        "deployments" => Deployment(obj),
        "replicasets" => ReplicaSet(obj),
        "pods" => Pod(obj),
        _ => obj,
    };

    private List<JsonObject> PodsOf(JsonObject rs)
    {
        var uid = rs.Str("metadata", "uid");
        return store.List("pods", rs.Str("metadata", "namespace")!)
            .Where(p => p["metadata"]?["ownerReferences"] is JsonArray refs && refs.Any(r => r.Str("uid") == uid)).ToList();
    }

    private JsonObject Deployment(JsonObject d)
    {
        var owned = controller.OwnedReplicaSets(d);
        var newest = owned.OrderByDescending(DeploymentController.Revision).FirstOrDefault();
        var all = owned.SelectMany(PodsOf).ToList();
        var updated = newest is null ? [] : PodsOf(newest);
        var ready = all.Count(controller.IsReady);
        var desired = d.Num("spec", "replicas") ?? 1;
        var now = Json.Time(store.Clock.GetUtcNow());
        var failed = newest is not null && DeploymentController.IsBroken(newest["spec"]?["template"]) && desired > 0;
        var complete = updated.Count == desired && all.Count == desired && ready == desired;
        var progressing = failed
            ? Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{newest!.Str("metadata", "name")}\" has timed out progressing.", now)
            : complete
                ? Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{newest?.Str("metadata", "name")}\" has successfully progressed.", now)
                : Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{newest?.Str("metadata", "name")}\" is progressing.", now);
        var available = ready >= desired - (desired / 4)
            ? Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now)
            : Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now);
        var status = new JsonObject
        {
            ["observedGeneration"] = d.Num("metadata", "generation") ?? 1,
            ["replicas"] = all.Count,
            ["updatedReplicas"] = updated.Count,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["conditions"] = new JsonArray(available, progressing),
        };
        if (all.Count - ready > 0)
        {
            status["unavailableReplicas"] = all.Count - ready;
        }

        d["status"] = status;
        return d;
    }

    private JsonObject ReplicaSet(JsonObject rs)
    {
        var pods = PodsOf(rs);
        var ready = pods.Count(controller.IsReady);
        rs["status"] = new JsonObject
        {
            ["replicas"] = pods.Count,
            ["fullyLabeledReplicas"] = pods.Count,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["observedGeneration"] = rs.Num("metadata", "generation") ?? 1,
        };
        return rs;
    }

    private JsonObject Pod(JsonObject pod)
    {
        var ready = controller.IsReady(pod);
        var broken = DeploymentController.IsBroken(pod);
        var created = pod.Str("metadata", "creationTimestamp");
        var containers = pod["spec"]?["containers"] as JsonArray ?? [];
        pod["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["startTime"] = created,
            ["podIP"] = "10.0.0.10",
            ["conditions"] = new JsonArray(Condition("Ready", ready ? "True" : "False", ready ? null : "ContainersNotReady", null, created!)),
            ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Str("name"),
                ["image"] = c.Str("image"),
                ["ready"] = ready,
                ["started"] = !broken,
                ["restartCount"] = broken ? 4 : 0,
                ["state"] = broken
                    ? new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff" } }
                    : new JsonObject { ["running"] = new JsonObject { ["startedAt"] = created } },
            }).ToArray()),
        };
        return pod;
    }

    private static JsonObject Condition(string type, string status, string? reason, string? message, string time)
    {
        var c = new JsonObject { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = time, ["lastUpdateTime"] = time };
        if (reason is not null)
        {
            c["reason"] = reason;
        }

        if (message is not null)
        {
            c["message"] = message;
        }

        return c;
    }
}
