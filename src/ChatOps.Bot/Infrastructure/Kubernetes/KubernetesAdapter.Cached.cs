using ChatOps.Bot.Features.Kubernetes;
using k8s.Models;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>
/// Reads answered from the watch cache when the cluster opts in and the cache is fresh (<see cref="KubeCache.Fresh"/>).
/// Anything the cache cannot answer exactly — an object it does not hold, a selector with expressions — goes to the
/// API server, so the cache only ever saves calls, never changes an answer's meaning. Writes never trust it blindly:
/// they stay conditional on the resourceVersion read and re-read live on a 409.
/// </summary>
public sealed partial class KubernetesAdapter
{
    private NamespaceCache? Cached(KubeTarget target) => cache?.Fresh(target);

    private static DeploymentStatus? StatusFromCache(NamespaceCache c, string deployment)
    {
        if (c.Deployments.Get(deployment) is not { } d || MatchLabelsOnly(d) is not { } labels)
        {
            return null;
        }

        List<V1ReplicaSet> owned = [];
        foreach (var r in c.ReplicaSets.All)
        {
            if (Selects(labels, r.Metadata) && IsControlledBy(r.Metadata, d.Metadata.Uid))
            {
                owned.Add(r);
            }
        }

        List<V1Pod> selected = [];
        foreach (var p in c.Pods.All)
        {
            if (Selects(labels, p.Metadata))
            {
                selected.Add(p);
            }
        }

        return Assemble(d, owned, selected, HpaFor(c.Hpas.All, deployment));
    }

    /// <summary>
    /// Loops rather than LINQ, and lists rather than interfaces (whose enumerators are objects): from the cache this runs
    /// for every <c>status</c>, over every pod of the namespace.
    /// </summary>
    private static DeploymentStatus Assemble(V1Deployment d, List<V1ReplicaSet> owned, IList<V1Pod> selected, V2HorizontalPodAutoscaler? hpa)
    {
        List<V1Pod> pods = [];
        for (var i = 0; i < selected.Count; i++)
        {
            if (IsControlledByAny(selected[i].Metadata, owned))
            {
                pods.Add(selected[i]);
            }
        }

        // Newest revision first; equal revisions keep the order they were read in (an insertion sort is stable, and a
        // deployment keeps about ten replica sets). Pod names are unique in a namespace.
        var byRevision = new List<ReplicaSetView>(owned.Count);
        foreach (var r in owned)
        {
            var view = KubeViews.ReplicaSet(r, d);
            var at = byRevision.Count;
            while (at > 0 && byRevision[at - 1].Revision < view.Revision)
            {
                at--;
            }

            byRevision.Insert(at, view);
        }

        pods.Sort(static (a, b) => string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name));
        var podViews = new List<PodView>(pods.Count);
        foreach (var p in pods)
        {
            podViews.Add(KubeViews.Pod(p));
        }

        return new DeploymentStatus(KubeViews.Deployment(d), byRevision, podViews, hpa is null ? null : KubeViews.Hpa(hpa));
    }

    private static V2HorizontalPodAutoscaler? HpaFor(IEnumerable<V2HorizontalPodAutoscaler> hpas, string deployment) =>
        hpas.FirstOrDefault(h => Scales(h, deployment));

    /// <summary>The cached form: a loop over the struct, not LINQ over it boxed.</summary>
    private static V2HorizontalPodAutoscaler? HpaFor(CachedItems<V2HorizontalPodAutoscaler> hpas, string deployment)
    {
        foreach (var h in hpas)
        {
            if (Scales(h, deployment))
            {
                return h;
            }
        }

        return null;
    }

    private static bool Scales(V2HorizontalPodAutoscaler h, string deployment) =>
        h.Spec.ScaleTargetRef?.Kind == "Deployment" && h.Spec.ScaleTargetRef.Name == deployment;

    /// <summary>
    /// The deployment's selector when it is labels only (what the cache can match); null: ask the server. Taken as the
    /// client deserializes it, a Dictionary, whose enumerator is a struct (the interface's is an object per pod); any
    /// other map also goes to the server, which answers the same.
    /// </summary>
    private static Dictionary<string, string>? MatchLabelsOnly(V1Deployment d) =>
        d.Spec?.Selector is { MatchLabels: Dictionary<string, string> { Count: > 0 } labels } s && s.MatchExpressions is not { Count: > 0 } ? labels : null;

    private static bool Selects(Dictionary<string, string> selector, V1ObjectMeta meta)
    {
        if (meta.Labels is not { } labels)
        {
            return false;
        }

        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var label) || label != value)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsControlledBy(V1ObjectMeta meta, string uid)
    {
        if (meta.OwnerReferences is { } owners)
        {
            for (var i = 0; i < owners.Count; i++)
            {
                if (owners[i].Controller == true && owners[i].Uid == uid)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsControlledByAny(V1ObjectMeta meta, List<V1ReplicaSet> owners)
    {
        foreach (var owner in owners)
        {
            if (IsControlledBy(meta, owner.Metadata.Uid))
            {
                return true;
            }
        }

        return false;
    }
}
