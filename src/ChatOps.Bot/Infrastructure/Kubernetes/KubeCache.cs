using System.Collections.Concurrent;
using ChatOps.Bot.Diagnostics;
using ChatOps.Bot.Features.Kubernetes;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>
/// The watch caches of the clusters that opt in (<c>WatchCache: true</c>), one per served namespace: the
/// <c>Namespaces</c> listed, or the <c>DefaultNamespace</c> when the cluster allows all. <see cref="Fresh"/> hands a
/// reader the cache only while it can be trusted; every read says where it went in
/// <c>chatops_kube_cache_reads_total</c>, and each fall-back to the API server is logged at debug level (the informer
/// logs at warning when it loses its watch or cannot list).
/// </summary>
public sealed class KubeCache(KubernetesClients clients, IOptionsMonitor<TargetOptions> targets, TimeProvider clock, ILoggerFactory loggers, ChatOpsMetrics metrics)
    : BackgroundService
{
    /// <summary>The pause before a failed list or a broken watch is tried again.</summary>
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(string Cluster, string Namespace), NamespaceCache> _caches = new();
    private readonly ILogger _logger = loggers.CreateLogger<KubeCache>();

    /// <summary>The namespace's cache when it is synced and its watches are (recently enough) alive; null: read live.</summary>
    public NamespaceCache? Fresh(KubeTarget target)
    {
        if (!_caches.TryGetValue((target.Cluster, target.Namespace), out var cache))
        {
            return null;
        }

        if (cache.IsFresh)
        {
            metrics.KubeCacheRead(target.Cluster, "cache");
            return cache;
        }

        metrics.KubeCacheRead(target.Cluster, "live_not_fresh");
        _logger.LogDebug("watch cache of {Target} is not synced or has lost its watch; reading from the API server", target);
        return null;
    }

    /// <summary>The namespace's cache whatever its state, without counting a read: for tests and diagnostics.</summary>
    public NamespaceCache? Peek(KubeTarget target) => _caches.GetValueOrDefault((target.Cluster, target.Namespace));

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runs = new List<Task>();
        foreach (var (name, o) in targets.CurrentValue.Clusters.Where(c => c.Value.WatchCache))
        {
            var limits = new CacheLimits(o.WatchCacheMaxObjects, o.WatchCacheStaleAfter, Retry);
            foreach (var ns in (o.Namespaces.Count > 0 ? o.Namespaces : [o.DefaultNamespace]).Distinct(StringComparer.Ordinal))
            {
                var logger = loggers.CreateLogger($"{typeof(KubeCache).FullName}.{name}.{ns}");
                try
                {
                    var cache = _caches.GetOrAdd((name, ns), _ => new NamespaceCache(clients.For(name), ns, limits, clock, logger));
                    runs.Add(cache.RunAsync(stoppingToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A cluster the client cannot even be built for (a bad kubeconfig) must not stop the host: its
                    // commands fail live, naming the cluster, as they do without the cache.
                    _logger.LogError("watch cache of {Cluster}/{Namespace} not started ({Error}); its reads go to the API server", name, ns, ex.Message);
                }
            }
        }

        return Task.WhenAll(runs);
    }
}
