using System.Collections.Concurrent;
using k8s;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>One KubernetesClient per configured cluster, built on first use (kubeconfig + context, or in-cluster).</summary>
public sealed class KubernetesClients(IOptionsMonitor<TargetOptions> targets) : IDisposable
{
    // Created on the first call: a bot with no cluster configured then never loads KubernetesClient (2.9 MiB resident).
    private Table? _table;

    public ClusterOptions Options(string cluster) =>
        targets.CurrentValue.Clusters.TryGetValue(cluster, out var c) ? c : throw new InvalidOperationException($"cluster '{cluster}' is not configured");

    public IKubernetes For(string cluster) =>
        LazyInitializer.EnsureInitialized(ref _table, () => new Table()).Clients.GetOrAdd(cluster, name => new Lazy<IKubernetes>(() => Create(Options(name)))).Value;

    private static IKubernetes Create(ClusterOptions o)
    {
        var config = o.InCluster
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(o.Kubeconfig, string.IsNullOrEmpty(o.Context) ? null : o.Context);

        // Each call has its own deadline (RequestTimeout); the client's own timeout only backs it up.
        config.HttpClientTimeout = o.RequestTimeout + TimeSpan.FromSeconds(5);
        return new k8s.Kubernetes(config);
    }

    public void Dispose() => _table?.Dispose();

    private sealed class Table : IDisposable
    {
        public ConcurrentDictionary<string, Lazy<IKubernetes>> Clients { get; } = new(StringComparer.OrdinalIgnoreCase);

        public void Dispose()
        {
            foreach (var client in Clients.Values.Where(l => l.IsValueCreated))
            {
                client.Value.Dispose();
            }
        }
    }
}
