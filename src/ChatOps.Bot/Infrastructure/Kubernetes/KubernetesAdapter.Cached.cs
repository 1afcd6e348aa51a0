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

        var owned = c.ReplicaSets.All.Where(r => Selects(labels, r.Metadata) && IsControlledBy(r.Metadata, d.Metadata.Uid)).ToList();
        var pods = c.Pods.All.Where(p => Selects(labels, p.Metadata));
        return Assemble(d, owned, pods, HpaFor(c.Hpas.All, deployment));
    }

    private static DeploymentStatus Assemble(V1Deployment d, IReadOnlyCollection<V1ReplicaSet> owned, IEnumerable<V1Pod> selected, V2HorizontalPodAutoscaler? hpa)
    {
        var rsUids = owned.Select(r => r.Metadata.Uid).ToHashSet(StringComparer.Ordinal);
        return new DeploymentStatus(
            KubeViews.Deployment(d),
            owned.Select(r => KubeViews.ReplicaSet(r, d)).OrderByDescending(r => r.Revision).ToList(),
            selected.Where(p => p.Metadata.OwnerReferences?.Any(o => o.Controller == true && rsUids.Contains(o.Uid)) == true)
                .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).Select(KubeViews.Pod).ToList(),
            hpa is null ? null : KubeViews.Hpa(hpa));
    }

    private static V2HorizontalPodAutoscaler? HpaFor(IEnumerable<V2HorizontalPodAutoscaler> hpas, string deployment) =>
        hpas.FirstOrDefault(h => h.Spec.ScaleTargetRef?.Kind == "Deployment" && h.Spec.ScaleTargetRef.Name == deployment);

    /// <summary>The deployment's selector when it is labels only (what the cache can match); null: ask the server.</summary>
    private static IDictionary<string, string>? MatchLabelsOnly(V1Deployment d) =>
        d.Spec?.Selector is { MatchLabels: { Count: > 0 } labels } s && s.MatchExpressions is not { Count: > 0 } ? labels : null;

    private static bool Selects(IDictionary<string, string> selector, V1ObjectMeta meta) =>
        meta.Labels is { } labels && selector.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value);

    private static bool IsControlledBy(V1ObjectMeta meta, string uid) =>
        meta.OwnerReferences?.Any(o => o.Controller == true && o.Uid == uid) == true;
}
