using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The deployment and ReplicaSet controllers. A template change creates a ReplicaSet with the next revision, or —
/// when the template equals an older ReplicaSet's (an undo) — gives that ReplicaSet the next revision and records
/// the old one in <c>revision-history</c>. The new ReplicaSet then grows and the old ones shrink step by step within
/// maxSurge / maxUnavailable as pods become available (<see cref="Kubelet"/>), old ReplicaSets beyond
/// <c>revisionHistoryLimit</c> are pruned, and the status is written as upstream computes it.
/// </summary>
public sealed class DeploymentController(ObjectStore store, SimTiming timing)
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string HashLabel = "pod-template-hash";

    // A rollout of n replicas needs about 2n steps with no delays; this only stops a bug from spinning forever.
    private const int MaxSteps = 10_000;

    // The controller's own bookkeeping is never copied from a deployment to a ReplicaSet.
    private static readonly HashSet<string> NotCopied =
    [
        "kubectl.kubernetes.io/last-applied-configuration", RevisionAnnotation, RevisionHistoryAnnotation,
        "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to",
    ];

    private readonly Kubelet _kubelet = new(timing);

    /// <summary>The events the controllers and kubelets record (issue 14).</summary>
    public EventRecorder Events { get; } = new(store);

    public SimTiming Timing => timing;

    /// <summary>Runs the controllers for one deployment until nothing changes at the current instant.</summary>
    public void Reconcile(ObjectKey key)
    {
        lock (store.Gate)
        {
            for (var i = 0; i < MaxSteps && Step(key); i++)
            {
            }
        }
    }

    /// <summary>One resync of every deployment: what the periodic timer and a pod deletion call.</summary>
    public void SyncAll()
    {
        lock (store.Gate)
        {
            foreach (var d in store.ListAll("deployments"))
            {
                Reconcile(new ObjectKey("deployments", d.Str("metadata", "namespace")!, d.Str("metadata", "name")!));
            }
        }
    }

    public List<JsonObject> OwnedReplicaSets(JsonObject deployment) => Owned("replicasets", deployment);

    public static long Revision(JsonObject rs) =>
        long.TryParse(rs.Str("metadata", "annotations", RevisionAnnotation), CultureInfo.InvariantCulture, out var r) ? r : 0;

    /// <summary>Whether pods of this template can never pull their image (<see cref="SimTiming.IsBadImage"/>).</summary>
    public bool IsBroken(JsonNode? podOrTemplate) => _kubelet.IsBad(podOrTemplate);

    private bool Step(ObjectKey key)
    {
        var deployment = store.Get(key);
        if (deployment is null)
        {
            return false;
        }

        var owned = OwnedReplicaSets(deployment);
        if (owned.Aggregate(false, (changed, rs) => SyncReplicaSet(rs) | changed))
        {
            return true;
        }

        var template = WithoutHash(deployment["spec"]?["template"]);
        var newRs = owned.FirstOrDefault(rs => Json.DeepEquals(WithoutHash(rs["spec"]?["template"]), template));
        var paused = deployment["spec"]?["paused"]?.GetValue<bool>() == true;
        var maxRevision = owned.Select(Revision).DefaultIfEmpty(0).Max();
        if (newRs is null && !paused)
        {
            CreateReplicaSet(key, deployment, template!, maxRevision + 1);
            return true;
        }

        if (newRs is not null && Revision(newRs) < maxRevision)
        {
            // An undo: the old ReplicaSet becomes the newest revision and remembers the one it had.
            var annotations = newRs.Obj("metadata").Obj("annotations");
            var history = annotations.Str(RevisionHistoryAnnotation);
            annotations[RevisionHistoryAnnotation] = string.IsNullOrEmpty(history) ? $"{Revision(newRs)}" : $"{history},{Revision(newRs)}";
            annotations[RevisionAnnotation] = (maxRevision + 1).ToString(CultureInfo.InvariantCulture);
            store.Replace(RsKey(newRs), newRs);
            return true;
        }

        if (newRs is not null && (CopyAnnotations(deployment, newRs) | SyncRevision(key, deployment, newRs)))
        {
            return true;
        }

        var olds = owned.Where(rs => newRs is null || rs.Str("metadata", "uid") != newRs.Str("metadata", "uid"))
            .OrderBy(rs => rs.Str("metadata", "creationTimestamp"), StringComparer.Ordinal).ThenBy(Revision).ToList();
        if (newRs is not null && (paused ? ScaleWhilePaused(deployment, newRs, olds) : Roll(deployment, newRs, olds)))
        {
            return true;
        }

        if (newRs is not null && PruneHistory(deployment, newRs, olds))
        {
            return true;
        }

        var status = StatusView.Deployment(deployment, newRs, owned, store.Clock.GetUtcNow());
        return store.WriteStatus(key, status);
    }

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

    /// <summary>rolloutRolling (or rolloutRecreate): one scaling decision per step, so each one sees fresh counts.</summary>
    private bool Roll(JsonObject d, JsonObject newRs, List<JsonObject> olds)
    {
        var desired = d.Num("spec", "replicas") ?? 1;
        var newReplicas = Replicas(newRs);
        if (Fenceposts.IsRecreate(d))
        {
            if (olds.Any(rs => Replicas(rs) > 0))
            {
                olds.Where(rs => Replicas(rs) > 0).ToList().ForEach(rs => Scale(rs, 0));
                return true;
            }

            return olds.All(rs => (rs.Num("status", "replicas") ?? 0) == 0) && newReplicas != desired && Scale(newRs, desired);
        }

        var (surge, _) = Fenceposts.Resolve(d);
        var all = olds.Append(newRs).ToList();
        if (newReplicas > desired)
        {
            return Scale(newRs, desired);
        }

        var room = desired + surge - all.Sum(Replicas);
        if (newReplicas < desired && room > 0)
        {
            return Scale(newRs, newReplicas + Math.Min(room, desired - newReplicas));
        }

        return ScaleDownOld(d, newRs, olds);
    }

    /// <summary>reconcileOldReplicaSets: unhealthy old pods first, then healthy ones while availability allows.</summary>
    private bool ScaleDownOld(JsonObject d, JsonObject newRs, List<JsonObject> olds)
    {
        if (olds.Sum(Replicas) == 0)
        {
            return false;
        }

        var minAvailable = (d.Num("spec", "replicas") ?? 1) - Fenceposts.MaxUnavailable(d);
        var newUnavailable = Replicas(newRs) - (newRs.Num("status", "availableReplicas") ?? 0);
        var maxScaledDown = olds.Sum(Replicas) + Replicas(newRs) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return false;
        }

        var changed = false;
        var cleaned = 0L;
        var target = olds.ToDictionary(rs => rs.Str("metadata", "uid")!, Replicas);
        foreach (var rs in olds)
        {
            var unhealthy = Replicas(rs) - (rs.Num("status", "availableReplicas") ?? 0);
            if (cleaned >= maxScaledDown || Replicas(rs) == 0 || unhealthy <= 0)
            {
                continue;
            }

            var n = Math.Min(maxScaledDown - cleaned, unhealthy);
            target[rs.Str("metadata", "uid")!] -= n;
            cleaned += n;
        }

        var available = olds.Append(newRs).Sum(rs => rs.Num("status", "availableReplicas") ?? 0);
        var scaleDown = available - minAvailable;
        foreach (var rs in olds)
        {
            var uid = rs.Str("metadata", "uid")!;
            if (scaleDown <= 0)
            {
                break;
            }

            var n = Math.Min(target[uid], scaleDown);
            target[uid] -= n;
            scaleDown -= n;
        }

        foreach (var rs in olds.Where(rs => target[rs.Str("metadata", "uid")!] != Replicas(rs)))
        {
            changed |= Scale(rs, target[rs.Str("metadata", "uid")!]);
        }

        return changed;
    }

    /// <summary>A paused deployment does not roll, but a replica change still reaches a ReplicaSet that is alone.</summary>
    private bool ScaleWhilePaused(JsonObject d, JsonObject newRs, List<JsonObject> olds) =>
        olds.All(rs => Replicas(rs) == 0) && Replicas(newRs) != (d.Num("spec", "replicas") ?? 1) && Scale(newRs, d.Num("spec", "replicas") ?? 1);

    /// <summary>cleanupDeployment: once complete, ReplicaSets at 0 beyond revisionHistoryLimit go, oldest revision first.</summary>
    private bool PruneHistory(JsonObject d, JsonObject newRs, List<JsonObject> olds)
    {
        var desired = d.Num("spec", "replicas") ?? 1;
        var complete = Replicas(newRs) == desired && (newRs.Num("status", "availableReplicas") ?? 0) == desired
            && olds.All(rs => Replicas(rs) == 0 && (rs.Num("status", "replicas") ?? 0) == 0);
        var excess = olds.Count - (d.Num("spec", "revisionHistoryLimit") ?? 10);
        if (!complete || excess <= 0)
        {
            return false;
        }

        foreach (var rs in olds.OrderBy(Revision).Take((int)excess))
        {
            store.Delete(RsKey(rs));
        }

        return true;
    }

    private bool Scale(JsonObject rs, long replicas)
    {
        if (Replicas(rs) == replicas)
        {
            return false;
        }

        Events.Scaled(rs, Replicas(rs), replicas, store.Clock.GetUtcNow());
        rs.Obj("spec")["replicas"] = replicas;
        store.Replace(RsKey(rs), rs);
        return true;
    }

    private static long Replicas(JsonObject rs) => rs.Num("spec", "replicas") ?? 1;

    private bool SyncRevision(ObjectKey key, JsonObject deployment, JsonObject newRs)
    {
        var revision = Revision(newRs).ToString(CultureInfo.InvariantCulture);
        if (deployment.Str("metadata", "annotations", RevisionAnnotation) == revision)
        {
            return false;
        }

        deployment.Obj("metadata").Obj("annotations")[RevisionAnnotation] = revision;
        deployment["metadata"]!["resourceVersion"] = null;
        store.Replace(key, deployment);
        return true;
    }

    private List<JsonObject> Owned(string resource, JsonObject owner)
    {
        var uid = owner.Str("metadata", "uid");
        return store.List(resource, owner.Str("metadata", "namespace")!)
            .Where(o => o["metadata"]?["ownerReferences"] is JsonArray refs && refs.Any(r => r.Str("uid") == uid))
            .ToList();
    }

    private static ObjectKey RsKey(JsonObject rs) => new("replicasets", rs.Str("metadata", "namespace")!, rs.Str("metadata", "name")!);

    private static JsonNode? WithoutHash(JsonNode? template)
    {
        var copy = template?.DeepClone();
        (copy?["metadata"]?["labels"] as JsonObject)?.Remove(HashLabel);
        return copy;
    }

    private void CreateReplicaSet(ObjectKey key, JsonObject deployment, JsonNode template, long revision)
    {
        var hash = TemplateHash(template);
        var name = $"{deployment.Str("metadata", "name")}-{hash}";
        var podTemplate = (JsonObject)template.DeepClone();
        podTemplate.Obj("metadata").Obj("labels")[HashLabel] = hash;
        var selector = (JsonObject)(deployment["spec"]?["selector"]?.DeepClone() ?? new JsonObject());
        selector.Obj("matchLabels")[HashLabel] = hash;
        var labels = (JsonObject)podTemplate["metadata"]!["labels"]!.DeepClone();
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = deployment.Str("metadata", "namespace"),
                ["labels"] = labels,
                ["annotations"] = new JsonObject { [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture) },
                ["ownerReferences"] = new JsonArray(Owner(deployment, "apps/v1", "Deployment")),
            },
            ["spec"] = new JsonObject { ["replicas"] = 0, ["selector"] = selector, ["template"] = podTemplate },
        };
        CopyAnnotations(deployment, rs);
        store.Create(RsKey(rs), rs);

        var status = deployment["status"]?.DeepClone() as JsonObject ?? [];
        StatusView.Set(status, StatusView.Condition(StatusView.Progressing, "True", "NewReplicaSetCreated", $"Created new replica set \"{name}\"", store.Clock.GetUtcNow()));
        store.WriteStatus(key, status);
    }

    /// <summary>Returns whether the ReplicaSet's copied annotations changed (and writes them when it is stored).</summary>
    private bool CopyAnnotations(JsonObject deployment, JsonObject rs)
    {
        var target = rs.Obj("metadata").Obj("annotations");
        var before = target.DeepClone();
        foreach (var (k, v) in deployment["metadata"]?["annotations"] as JsonObject ?? [])
        {
            if (!NotCopied.Contains(k))
            {
                target[k] = v?.DeepClone();
            }
        }

        var desired = deployment.Num("spec", "replicas") ?? 1;
        target["deployment.kubernetes.io/desired-replicas"] = desired.ToString(CultureInfo.InvariantCulture);
        target["deployment.kubernetes.io/max-replicas"] = (desired + Fenceposts.Resolve(deployment).Surge).ToString(CultureInfo.InvariantCulture);
        if (Json.DeepEquals(before, target))
        {
            return false;
        }

        if (store.Get(RsKey(rs)) is not null)
        {
            store.Replace(RsKey(rs), rs);
        }

        return true;
    }

    private void CreatePod(JsonObject rs, DateTimeOffset now)
    {
        var ns = rs.Str("metadata", "namespace")!;
        var template = rs["spec"]!["template"]!;
        // A random suffix, as generateName gives; a taken name is drawn again rather than failing the resync.
        string name;
        do
        {
            name = $"{rs.Str("metadata", "name")}-{Suffix(5)}";
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

    private static JsonObject Owner(JsonObject owner, string apiVersion, string kind) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = owner.Str("metadata", "name"),
        ["uid"] = owner.Str("metadata", "uid"),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    private static string TemplateHash(JsonNode template)
    {
        // FNV-1a over the normalized template, in the consonant-and-digit alphabet Kubernetes uses for names.
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(Json.Write(Json.Normalize(template))))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < 10; i++)
        {
            sb.Append(alphabet[(int)(hash % (uint)alphabet.Length)]);
            hash /= (uint)alphabet.Length;
            if (hash == 0)
            {
                break;
            }
        }

        return sb.ToString();
    }

    private static string Suffix(int length)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
            }
        });
    }
}
