using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>The ReplicaSet controller: each ReplicaSet's pods created, scheduled, started and trimmed to its replica count.</summary>
public sealed partial class DeploymentController
{
    /// <summary>The ReplicaSet controller and the kubelets: pods scheduled and started, counts matched, status written.</summary>
    private bool SyncReplicaSet(JsonObject rs)
    {
        var now = store.Clock.GetUtcNow();
        var changed = false;
        var pods = Owned("pods", rs);
        foreach (var pod in pods)
        {
            var podKey = new ObjectKey("pods", pod.Str("metadata", "namespace")!, pod.Str("metadata", "name")!);
            if (pod["spec"]?["nodeName"] is null && Kubelet.NodeFor(pod, now, timing) is { } node)
            {
                pod.Obj("spec")["nodeName"] = node;
                store.Replace(podKey, pod);
                changed = true;
            }

            changed |= store.WriteStatus(podKey, _kubelet.Status(pod, now));
            new PodEvents(Events, timing).Observe(pod, now);
        }

        if (changed)
        {
            pods = Owned("pods", rs);
        }

        var want = rs.Num("spec", "replicas") ?? 1;
        // The least useful pods go first: not scheduled, not running, not ready, then the youngest.
        foreach (var pod in pods.OrderBy(Usefulness).ThenByDescending(p => p.Str("metadata", "creationTimestamp"), StringComparer.Ordinal).Take(Math.Max(pods.Count - (int)want, 0)))
        {
            store.Delete(new ObjectKey("pods", pod.Str("metadata", "namespace")!, pod.Str("metadata", "name")!));
            Events.Record(rs, EventRecorder.Normal, "SuccessfulDelete", $"Deleted pod: {pod.Str("metadata", "name")}", now, "replicaset-controller");
            changed = true;
        }

        for (var i = pods.Count; i < want; i++)
        {
            CreatePod(rs, now);
            changed = true;
        }

        return store.WriteStatus(RsKey(rs), StatusView.ReplicaSet(rs, Owned("pods", rs))) | changed;
    }

    private static int Usefulness(JsonObject pod) =>
        (pod["spec"]?["nodeName"] is null ? 0 : 1) + (pod.Str("status", "phase") == "Running" ? 1 : 0) + (Kubelet.IsReady(pod) ? 1 : 0);

    private void CreatePod(JsonObject rs, DateTimeOffset now)
    {
        var ns = rs.Str("metadata", "namespace")!;
        var template = rs["spec"]!["template"]!;
        // A random suffix, as generateName gives; a taken name is drawn again rather than failing the resync.
        string name;
        do
        {
            name = $"{rs.Str("metadata", "name")}-{KubeNames.RandomSuffix(5)}";
        }
        while (store.Get(new ObjectKey("pods", ns, name)) is not null);

        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = template["metadata"]?["labels"]?.DeepClone(),
                ["annotations"] = template["metadata"]?["annotations"]?.DeepClone(),
                ["ownerReferences"] = new JsonArray(Owner(rs, "apps/v1", "ReplicaSet")),
            },
            ["spec"] = template["spec"]?.DeepClone(),
        };
        var created = store.Create(new ObjectKey("pods", ns, name), pod);
        if (Kubelet.NodeFor(created, now, timing) is { } node)
        {
            created.Obj("spec")["nodeName"] = node;
            created = store.Replace(new ObjectKey("pods", ns, name), created);
        }

        store.WriteStatus(new ObjectKey("pods", ns, name), _kubelet.Status(created, now));
        Events.Record(rs, EventRecorder.Normal, "SuccessfulCreate", $"Created pod: {name}", now, "replicaset-controller");
        new PodEvents(Events, timing).Observe(created, now);
    }
}
