using ChatOps.Bot.Features.Kubernetes;
using k8s;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>pods, describe and events: list pods and list events, nothing else (manifests/rbac.yaml).</summary>
public sealed partial class KubernetesAdapter
{
    public async Task<IReadOnlyList<PodDetails>> ListPodsAsync(KubeTarget target, PodSelection selection, CancellationToken cancellationToken)
    {
        if (selection.Deployment is { } cachedName && Cached(target) is { } c && c.Deployments.Get(cachedName) is { } cached && MatchLabelsOnly(cached) is { } labels)
        {
            return c.Pods.All.Where(p => Selects(labels, p.Metadata)).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).Select(PodMapping.Pod).ToList();
        }

        var selector = selection.Deployment is { } name
            ? KubeViews.Selector((await ReadDeployment(target, name, cancellationToken)).Spec.Selector)
            : selection.Selector;
        var list = await Call(target, "list", "pods", $"pods of {selection}",
            (k, ct) => k.CoreV1.ListNamespacedPodAsync(target.Namespace, labelSelector: selector, cancellationToken: ct), cancellationToken);
        return list.Items.Select(PodMapping.Pod).ToList();
    }

    /// <summary>Through a field-selected list: the role grants list (not get) on pods.</summary>
    public async Task<PodDetails> GetPodAsync(KubeTarget target, string pod, CancellationToken cancellationToken)
    {
        var list = await Call(target, "list", "pods", $"pod {pod}",
            (k, ct) => k.CoreV1.ListNamespacedPodAsync(target.Namespace, fieldSelector: $"metadata.name={pod}", cancellationToken: ct), cancellationToken);
        return list.Items.Where(p => p.Metadata.Name == pod).Select(PodMapping.Pod).FirstOrDefault()
            ?? throw new KubernetesFailure(KubernetesFailureKind.NotFound, $"pod {pod} not found in namespace {target.Namespace} on cluster {target.Cluster}");
    }

    /// <summary>Lists, never gets, both the pod and its ReplicaSet: a viewer's role grants list on them and nothing more.</summary>
    public async Task<string?> FindOwningDeploymentAsync(KubeTarget target, string pod, CancellationToken cancellationToken)
    {
        var list = await Call(target, "list", "pods", $"pod {pod}",
            (k, ct) => k.CoreV1.ListNamespacedPodAsync(target.Namespace, fieldSelector: $"metadata.name={pod}", cancellationToken: ct), cancellationToken);
        var p = list.Items.FirstOrDefault(i => i.Metadata.Name == pod)
            ?? throw new KubernetesFailure(KubernetesFailureKind.NotFound, $"pod {pod} not found in namespace {target.Namespace} on cluster {target.Cluster}");
        if (Controller(p.Metadata) is not { Kind: "ReplicaSet" } owner)
        {
            return null;
        }

        var rs = await ReadReplicaSet(target, owner.Name, cancellationToken);
        return rs is not null && Controller(rs.Metadata) is { Kind: "Deployment" } deployment ? deployment.Name : null;
    }

    public async Task<IReadOnlyList<EventView>> ListEventsAsync(KubeTarget target, IReadOnlyList<ObjectRef> about, CancellationToken cancellationToken)
    {
        var field = about.Count == 1 ? $"involvedObject.kind={about[0].Kind},involvedObject.name={about[0].Name}" : null;
        var list = await Call(target, "list", "events", about.Count == 1 ? $"events of {about[0].Kind} {about[0].Name}" : "events",
            (k, ct) => k.CoreV1.ListNamespacedEventAsync(target.Namespace, fieldSelector: field, cancellationToken: ct), cancellationToken);
        var wanted = about.ToHashSet();
        return list.Items.Select(PodMapping.Event).Where(e => wanted.Count == 0 || wanted.Contains(e.Object)).ToList();
    }
}
