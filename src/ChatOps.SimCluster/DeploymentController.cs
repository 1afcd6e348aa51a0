using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The deployment and ReplicaSet controllers. A template change creates a ReplicaSet with the next revision, or —
/// when the template equals an older ReplicaSet's (an undo) — gives that ReplicaSet the next revision and records
/// the old one in <c>revision-history</c>. The new ReplicaSet then grows and the old ones shrink step by step within
/// maxSurge / maxUnavailable as pods become available (<see cref="Kubelet"/>), old ReplicaSets beyond
/// <c>revisionHistoryLimit</c> are pruned, and the status is written as upstream computes it.
/// </summary>
public sealed partial class DeploymentController(ObjectStore store, SimTiming timing)
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

    private static JsonObject Owner(JsonObject owner, string apiVersion, string kind) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = owner.Str("metadata", "name"),
        ["uid"] = owner.Str("metadata", "uid"),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };
}
