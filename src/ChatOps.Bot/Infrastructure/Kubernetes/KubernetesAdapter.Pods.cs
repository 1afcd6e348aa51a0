using ChatOps.Bot.Features.Kubernetes;
using k8s;
using k8s.Models;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

public sealed partial class KubernetesAdapter
{
    /// <summary>
    /// get the pod, list its ReplicaSet by name (the role lists, never gets, ReplicaSets), list the ReplicaSet's pods,
    /// then delete with preconditions.uid: the pod deleted is the pod that was read and checked, never a namesake. A
    /// 409 is not retried, because a re-read would find the namesake and delete a pod nobody asked about.
    /// </summary>
    public async Task<PodDeletion> DeletePodAsync(KubeTarget target, string pod, bool dryRun, CancellationToken cancellationToken)
    {
        var p = await Call(target, "get", "pods", $"pod {pod}",
            (k, ct) => k.CoreV1.ReadNamespacedPodAsync(pod, target.Namespace, cancellationToken: ct), cancellationToken);
        var podOwner = Controller(p.Metadata);
        var rs = podOwner is { Kind: "ReplicaSet" } ? await ReadReplicaSet(target, podOwner.Name, cancellationToken) : null;
        var (rsName, deployment) = PodOwners.Check(target, pod, podOwner, rs is null ? null : Controller(rs.Metadata));
        var siblings = await ReplicaSetPods(target, rs!, cancellationToken);

        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = p.Metadata.Uid } };
        try
        {
            await Call(target, "delete", "pods", $"pod {pod}",
                (k, ct) => k.CoreV1.DeleteNamespacedPodAsync(pod, target.Namespace, options, dryRun: DryRun(dryRun), cancellationToken: ct), cancellationToken);
        }
        catch (KubernetesFailure f) when (f.Kind == KubernetesFailureKind.Conflict)
        {
            throw new KubernetesFailure(KubernetesFailureKind.Conflict,
                $"pod {pod} in {target} is no longer the pod that was read (uid {p.Metadata.Uid}): it was recreated under the same name; nothing was deleted", f);
        }

        return new PodDeletion(pod, p.Metadata.Uid, p.Status?.Phase ?? "Unknown", rsName, deployment, siblings.Select(s => s.Metadata.Name).ToList(), dryRun);
    }

    public async Task<string?> FindReplacementAsync(KubeTarget target, PodDeletion deleted, CancellationToken cancellationToken)
    {
        var rs = await ReadReplicaSet(target, deleted.ReplicaSet, cancellationToken);
        if (rs is null)
        {
            return null;
        }

        var pods = await ReplicaSetPods(target, rs, cancellationToken);
        return pods.Select(p => p.Metadata.Name).Where(n => n != deleted.Pod && !deleted.Siblings.Contains(n)).Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private async Task<V1ReplicaSet?> ReadReplicaSet(KubeTarget target, string name, CancellationToken cancellationToken)
    {
        var list = await Call(target, "list", "replicasets", $"ReplicaSet {name}",
            (k, ct) => k.AppsV1.ListNamespacedReplicaSetAsync(target.Namespace, fieldSelector: $"metadata.name={name}", cancellationToken: ct), cancellationToken);
        return list.Items.FirstOrDefault(r => r.Metadata.Name == name);
    }

    /// <summary>The pods the ReplicaSet controls: its selector, then its uid as controller (what kubectl and the controller use).</summary>
    private async Task<List<V1Pod>> ReplicaSetPods(KubeTarget target, V1ReplicaSet rs, CancellationToken cancellationToken)
    {
        var list = await Call(target, "list", "pods", $"pods of ReplicaSet {rs.Metadata.Name}",
            (k, ct) => k.CoreV1.ListNamespacedPodAsync(target.Namespace, labelSelector: KubeViews.Selector(rs.Spec.Selector), cancellationToken: ct), cancellationToken);
        return list.Items.Where(p => p.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == rs.Metadata.Uid) == true).ToList();
    }

    private static OwnerView? Controller(V1ObjectMeta meta) =>
        meta.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { } o ? new OwnerView(o.Kind, o.Name) : null;
}
