using ChatOps.Bot.Features.Kubernetes;
using k8s;
using k8s.Models;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>
/// The port on KubernetesClient. Reads are get deployments, list replicasets / pods / events / services /
/// horizontalpodautoscalers and get services/proxy (health);
/// writes are patches of deployments, deployments/scale and horizontalpodautoscalers — exactly what
/// <c>manifests/rbac.yaml</c> grants (a test keeps the two equal).
/// </summary>
public sealed partial class KubernetesAdapter(KubernetesClients clients, KubeCache? cache = null) : IKubernetesOperations
{
    public async Task<DeploymentStatus> GetStatusAsync(KubeTarget target, string deployment, CancellationToken cancellationToken)
    {
        if (Cached(target) is { } c && StatusFromCache(c, deployment) is { } fromMemory)
        {
            return fromMemory;
        }

        var d = await ReadDeployment(target, deployment, cancellationToken);
        var replicaSets = await OwnedReplicaSets(target, d, cancellationToken);
        var pods = await Call(target, "list", "pods", $"pods of deployment {deployment}",
            (k, ct) => k.CoreV1.ListNamespacedPodAsync(target.Namespace, labelSelector: KubeViews.Selector(d.Spec.Selector), cancellationToken: ct), cancellationToken);
        return Assemble(d, replicaSets, pods.Items, await FindHpa(target, deployment, cancellationToken));
    }

    public async Task<HpaDetails> GetHpaAsync(KubeTarget target, string hpa, CancellationToken cancellationToken)
    {
        var h = Cached(target)?.Hpas.Get(hpa) ?? await ReadHpa(target, hpa, cancellationToken);
        return new HpaDetails(KubeViews.Hpa(h), h.Status?.Conditions?.Select(c => new ConditionView(c.Type, c.Status, c.Reason, c.Message)).ToList() ?? []);
    }

    public async Task<IReadOnlyList<HpaView>> ListHpasAsync(KubeTarget target, CancellationToken cancellationToken)
    {
        var items = Cached(target)?.Hpas.All.ToList() ?? (await Call(target, "list", "horizontalpodautoscalers", "horizontalpodautoscalers",
            (k, ct) => k.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(target.Namespace, cancellationToken: ct), cancellationToken)).Items;
        return items.OrderBy(h => h.Metadata.Name, StringComparer.Ordinal).Select(KubeViews.Hpa).ToList();
    }

    /// <summary>One HPA through a field-selected list: the role grants list (not get) on HPAs, and one verb is enough.</summary>
    private async Task<V2HorizontalPodAutoscaler> ReadHpa(KubeTarget target, string hpa, CancellationToken cancellationToken)
    {
        var list = await Call(target, "list", "horizontalpodautoscalers", $"HPA {hpa}",
            (k, ct) => k.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(target.Namespace, fieldSelector: $"metadata.name={hpa}", cancellationToken: ct), cancellationToken);
        return list.Items.FirstOrDefault(h => h.Metadata.Name == hpa)
            ?? throw new KubernetesFailure(KubernetesFailureKind.NotFound, $"HPA {hpa} not found in namespace {target.Namespace} on cluster {target.Cluster}");
    }

    private Task<V1Deployment> ReadDeployment(KubeTarget target, string name, CancellationToken cancellationToken) =>
        Call(target, "get", "deployments", $"deployment {name}",
            (k, ct) => k.AppsV1.ReadNamespacedDeploymentAsync(name, target.Namespace, cancellationToken: ct), cancellationToken);

    /// <summary>ReplicaSets matching the selector and controlled by this deployment (its uid), as kubectl selects them.</summary>
    private async Task<List<V1ReplicaSet>> OwnedReplicaSets(KubeTarget target, V1Deployment d, CancellationToken cancellationToken)
    {
        var list = await Call(target, "list", "replicasets", $"replicasets of deployment {d.Metadata.Name}",
            (k, ct) => k.AppsV1.ListNamespacedReplicaSetAsync(target.Namespace, labelSelector: KubeViews.Selector(d.Spec.Selector), cancellationToken: ct), cancellationToken);
        return list.Items.Where(r => r.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == d.Metadata.Uid) == true).ToList();
    }

    private async Task<V2HorizontalPodAutoscaler?> FindHpa(KubeTarget target, string deployment, CancellationToken cancellationToken)
    {
        var list = await Call(target, "list", "horizontalpodautoscalers", "horizontalpodautoscalers",
            (k, ct) => k.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(target.Namespace, cancellationToken: ct), cancellationToken);
        return HpaFor(list.Items, deployment);
    }

    private Task<T> Call<T>(KubeTarget target, string verb, string resource, string what, Func<IKubernetes, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        KubeCalls.Run(target, clients.Options(target.Cluster).RequestTimeout, new KubeCalls.Action(verb, resource, what),
            ct => call(clients.For(target.Cluster), ct), cancellationToken);

    private static string? DryRun(bool dryRun) => dryRun ? "All" : null;
}
