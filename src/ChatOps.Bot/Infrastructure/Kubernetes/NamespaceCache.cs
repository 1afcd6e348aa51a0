using k8s;
using k8s.Models;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>The four kinds the read commands need, for one namespace of one cluster; fresh only when all four are.</summary>
public sealed class NamespaceCache
{
    /// <summary>How long a watch stays open before the server ends it and it is resumed (as kubectl asks).</summary>
    private const int WatchSeconds = KubernetesAdapter.WatchSeconds;

    public NamespaceCache(IKubernetes k, string ns, CacheLimits limits, TimeProvider clock, ILogger logger)
    {
        Deployments = new(new("deployments",
            async ct => (await k.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: ct)) is var l ? (l.Items, l.Metadata.ResourceVersion) : default,
            (rv, onError, ct) => k.AppsV1.WatchListNamespacedDeploymentAsync(ns, resourceVersion: rv, allowWatchBookmarks: true, timeoutSeconds: WatchSeconds, onError: onError, cancellationToken: ct)),
            limits, clock, logger);
        ReplicaSets = new(new("replicasets",
            async ct => (await k.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: ct)) is var l ? (l.Items, l.Metadata.ResourceVersion) : default,
            (rv, onError, ct) => k.AppsV1.WatchListNamespacedReplicaSetAsync(ns, resourceVersion: rv, allowWatchBookmarks: true, timeoutSeconds: WatchSeconds, onError: onError, cancellationToken: ct)),
            limits, clock, logger);
        Pods = new(new("pods",
            async ct => (await k.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct)) is var l ? (l.Items, l.Metadata.ResourceVersion) : default,
            (rv, onError, ct) => k.CoreV1.WatchListNamespacedPodAsync(ns, resourceVersion: rv, allowWatchBookmarks: true, timeoutSeconds: WatchSeconds, onError: onError, cancellationToken: ct)),
            limits, clock, logger);
        Hpas = new(new("horizontalpodautoscalers",
            async ct => (await k.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns, cancellationToken: ct)) is var l ? (l.Items, l.Metadata.ResourceVersion) : default,
            (rv, onError, ct) => k.AutoscalingV2.WatchListNamespacedHorizontalPodAutoscalerAsync(ns, resourceVersion: rv, allowWatchBookmarks: true, timeoutSeconds: WatchSeconds, onError: onError, cancellationToken: ct)),
            limits, clock, logger);
    }

    public KubeInformer<V1Deployment> Deployments { get; }

    public KubeInformer<V1ReplicaSet> ReplicaSets { get; }

    public KubeInformer<V1Pod> Pods { get; }

    public KubeInformer<V2HorizontalPodAutoscaler> Hpas { get; }

    public bool IsFresh => Deployments.IsFresh && ReplicaSets.IsFresh && Pods.IsFresh && Hpas.IsFresh;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Deployments.RunAsync(cancellationToken), ReplicaSets.RunAsync(cancellationToken), Pods.RunAsync(cancellationToken), Hpas.RunAsync(cancellationToken));
}
