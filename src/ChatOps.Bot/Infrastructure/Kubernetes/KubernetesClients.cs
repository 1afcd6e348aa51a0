using System.Collections.Concurrent;
using k8s;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>One KubernetesClient per configured cluster, built on first use (kubeconfig + context, or in-cluster).</summary>
public sealed class KubernetesClients(IOptionsMonitor<TargetOptions> targets) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IKubernetes>> _clients = new(StringComparer.OrdinalIgnoreCase);

    public ClusterOptions Options(string cluster) =>
        targets.CurrentValue.Clusters.TryGetValue(cluster, out var c) ? c : throw new InvalidOperationException($"cluster '{cluster}' is not configured");

    public IKubernetes For(string cluster) => _clients.GetOrAdd(cluster, name => new Lazy<IKubernetes>(() => Create(Options(name)))).Value;

    private static IKubernetes Create(ClusterOptions o)
    {
        var config = o.InCluster
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(o.Kubeconfig, string.IsNullOrEmpty(o.Context) ? null : o.Context);

        // Each call has its own deadline (RequestTimeout); the client's own timeout only backs it up.
        config.HttpClientTimeout = o.RequestTimeout + TimeSpan.FromSeconds(5);
        return new k8s.Kubernetes(config);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(l => l.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}
