using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The part of the deployment controller that rollout commands observe. A template change creates a ReplicaSet
/// with the next revision, or — when the template equals an older ReplicaSet's (an undo) — gives that ReplicaSet
/// the next revision and records the old one in <c>revision-history</c>. Replicas move to the newest ReplicaSet,
/// others go to 0, and pods follow. Status is derived when read, so readiness can lag behind by
/// <see cref="ReadyAfter"/> and a template whose image contains "broken" never becomes ready.
/// </summary>
public sealed class DeploymentController(ObjectStore store)
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string HashLabel = "pod-template-hash";

    // The controller's own bookkeeping is never copied from a deployment to a ReplicaSet.
    private static readonly HashSet<string> NotCopied =
    [
        "kubectl.kubernetes.io/last-applied-configuration", RevisionAnnotation, RevisionHistoryAnnotation,
        "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to",
    ];

    private readonly Dictionary<string, DateTimeOffset> _readyAt = [];

    /// <summary>How long a new pod takes to become ready (0: at once).</summary>
    public TimeSpan ReadyAfter { get; set; }

    /// <summary>Brings ReplicaSets and pods in line with the deployment; returns the deployment with its revision.</summary>
    public void Reconcile(ObjectKey key)
    {
        lock (store.Gate)
        {
            var deployment = store.Get(key);
            if (deployment is null)
            {
                return;
            }

            var owned = OwnedReplicaSets(deployment);
            var template = WithoutHash(deployment["spec"]?["template"]);
            var current = owned.FirstOrDefault(rs => Json.DeepEquals(WithoutHash(rs["spec"]?["template"]), template));
            var paused = deployment["spec"]?["paused"]?.GetValue<bool>() == true;
            var maxRevision = owned.Select(Revision).DefaultIfEmpty(0).Max();

            if (current is null && paused)
            {
                current = owned.OrderByDescending(Revision).FirstOrDefault();
            }
            else if (current is null)
            {
                current = NewReplicaSet(deployment, template!, maxRevision + 1);
            }
            else if (Revision(current) < maxRevision)
            {
                var old = Revision(current);
                var annotations = current.Obj("metadata").Obj("annotations");
                var history = annotations.Str(RevisionHistoryAnnotation);
                annotations[RevisionHistoryAnnotation] = string.IsNullOrEmpty(history) ? $"{old}" : $"{history},{old}";
                annotations[RevisionAnnotation] = (maxRevision + 1).ToString(CultureInfo.InvariantCulture);
            }

            if (current is null)
            {
                return;
            }

            CopyAnnotations(deployment, current);
            var replicas = deployment.Num("spec", "replicas") ?? 1;
            var currentName = current.Str("metadata", "name");
            foreach (var rs in owned.Append(current).DistinctBy(r => r.Str("metadata", "name")))
            {
                var isCurrent = rs.Str("metadata", "name") == currentName;
                rs.Obj("spec")["replicas"] = isCurrent ? replicas : 0;
                var rsKey = new ObjectKey("replicasets", key.Namespace, rs.Str("metadata", "name")!);
                if (store.Get(rsKey) is null)
                {
                    store.Create(rsKey, rs);
                }
                else if (!Json.DeepEquals(store.Get(rsKey), rs))
                {
                    store.Replace(rsKey, rs);
                }

                ReconcilePods(rs, isCurrent ? replicas : 0);
            }

            var revision = Revision(current).ToString(CultureInfo.InvariantCulture);
            if (deployment["metadata"]?["annotations"]?[RevisionAnnotation]?.GetValue<string>() != revision)
            {
                deployment.Obj("metadata").Obj("annotations")[RevisionAnnotation] = revision;
                deployment["metadata"]!["resourceVersion"] = null;
                store.Replace(key, deployment);
            }
        }
    }

    public List<JsonObject> OwnedReplicaSets(JsonObject deployment)
    {
        var uid = deployment.Str("metadata", "uid");
        return store.List("replicasets", deployment.Str("metadata", "namespace")!)
            .Where(rs => rs["metadata"]?["ownerReferences"] is JsonArray refs && refs.Any(r => r.Str("uid") == uid))
            .ToList();
    }

    public static long Revision(JsonObject rs) =>
        long.TryParse(rs.Str("metadata", "annotations", RevisionAnnotation), CultureInfo.InvariantCulture, out var r) ? r : 0;

    private static JsonNode? WithoutHash(JsonNode? template)
    {
        var copy = template?.DeepClone();
        (copy?["metadata"]?["labels"] as JsonObject)?.Remove(HashLabel);
        return copy;
    }

    private JsonObject NewReplicaSet(JsonObject deployment, JsonNode template, long revision)
    {
        var hash = TemplateHash(template);
        var name = $"{deployment.Str("metadata", "name")}-{hash}";
        var podTemplate = (JsonObject)template.DeepClone();
        podTemplate.Obj("metadata").Obj("labels")[HashLabel] = hash;
        var selector = (JsonObject)(deployment["spec"]?["selector"]?.DeepClone() ?? new JsonObject());
        selector.Obj("matchLabels")[HashLabel] = hash;
        var labels = (JsonObject)podTemplate["metadata"]!["labels"]!.DeepClone();
        return new JsonObject
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
    }

    private static void CopyAnnotations(JsonObject deployment, JsonObject rs)
    {
        var target = rs.Obj("metadata").Obj("annotations");
        foreach (var (k, v) in deployment["metadata"]?["annotations"] as JsonObject ?? [])
        {
            if (!NotCopied.Contains(k))
            {
                target[k] = v?.DeepClone();
            }
        }

        target["deployment.kubernetes.io/desired-replicas"] = (deployment.Num("spec", "replicas") ?? 1).ToString(CultureInfo.InvariantCulture);
    }

    private void ReconcilePods(JsonObject rs, long want)
    {
        var ns = rs.Str("metadata", "namespace")!;
        var uid = store.Get(new ObjectKey("replicasets", ns, rs.Str("metadata", "name")!))?.Str("metadata", "uid");
        var pods = store.List("pods", ns).Where(p => p["metadata"]?["ownerReferences"] is JsonArray refs && refs.Any(r => r.Str("uid") == uid))
            .OrderBy(p => p.Str("metadata", "creationTimestamp"), StringComparer.Ordinal).ToList();
        for (var i = pods.Count - 1; i >= want; i--)
        {
            store.Delete(new ObjectKey("pods", ns, pods[i].Str("metadata", "name")!));
        }

        var owner = store.Get(new ObjectKey("replicasets", ns, rs.Str("metadata", "name")!))!;
        for (var i = pods.Count; i < want; i++)
        {
            var template = rs["spec"]!["template"]!;
            var name = $"{rs.Str("metadata", "name")}-{Suffix(5)}";
            var pod = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["labels"] = template["metadata"]?["labels"]?.DeepClone(),
                    ["annotations"] = template["metadata"]?["annotations"]?.DeepClone(),
                    ["ownerReferences"] = new JsonArray(Owner(owner, "apps/v1", "ReplicaSet")),
                },
                ["spec"] = template["spec"]?.DeepClone(),
            };
            store.Create(new ObjectKey("pods", ns, name), pod);
            _readyAt[name] = store.Clock.GetUtcNow() + ReadyAfter;
        }
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

    /// <summary>Readiness as of now: ready once <see cref="ReadyAfter"/> has passed, unless the image is "broken".</summary>
    public bool IsReady(JsonObject pod) =>
        !IsBroken(pod)
        && (!_readyAt.TryGetValue(pod.Str("metadata", "name")!, out var at) || store.Clock.GetUtcNow() >= at);

    public static bool IsBroken(JsonNode? podOrTemplate) =>
        podOrTemplate?["spec"]?["containers"] is JsonArray containers
        && containers.Any(c => c.Str("image")?.Contains("broken", StringComparison.Ordinal) == true);

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
