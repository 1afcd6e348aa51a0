using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Infrastructure.Kubernetes;
using ChatOps.SimCluster;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// The bot's adapter on a test cluster with its watch cache running (<c>WatchCache: true</c>), and a switch that
/// refuses the bot's watches (503) so a test can cut them: advancing the server's clock past
/// <see cref="KubernetesAdapter.WatchSeconds"/> ends the open ones, and while the switch is on none reopens.
/// </summary>
public sealed class CachedKube : IAsyncDisposable
{
    private readonly KubernetesClients _clients;
    private readonly CancellationTokenSource _stop = new();

    private CachedKube(KubeTestCluster cluster, TimeProvider botClock, TimeSpan staleAfter)
    {
        var options = new ClusterOptions { Kubeconfig = cluster.Kubeconfig, WatchCache = true, WatchCacheStaleAfter = staleAfter, DefaultNamespace = KubeTestCluster.Ns };
        var monitor = FixedOptions.Of(new TargetOptions { Clusters = { ["local"] = options } });
        _clients = new KubernetesClients(monitor);
        Cache = new KubeCache(_clients, monitor, botClock, NullLoggerFactory.Instance, Metrics.Metrics);
        Bot = new KubernetesAdapter(_clients, Cache);
        cluster.Server.Interceptor = (call, _) => Task.FromResult(
            RefuseWatches && call.Verb == "watch" ? new ApiException(System.Net.HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "watches refused by the test") : null);
    }

    public KubeCache Cache { get; }

    public IKubernetesOperations Bot { get; }

    public MetricsProbe Metrics { get; } = new();

    public bool RefuseWatches { get; set; }

    public NamespaceCache Namespace => Cache.Peek(new KubeTarget("local", KubeTestCluster.Ns))!;

    /// <summary>Starts the cache and waits until it has listed all four kinds and watches them.</summary>
    public static async Task<CachedKube> StartAsync(KubeTestCluster cluster, TimeProvider? botClock = null, TimeSpan? staleAfter = null)
    {
        var cached = new CachedKube(cluster, botClock ?? TimeProvider.System, staleAfter ?? TimeSpan.FromSeconds(30));
        await cached.Cache.StartAsync(cached._stop.Token);
        await cached.UntilAsync(() => cached.Cache.Peek(new KubeTarget("local", KubeTestCluster.Ns))?.IsFresh == true, "the cache to sync");
        return cached;
    }

    public async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().ShouldBeTrue($"waited 30 s for {what}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Cache.StopAsync(CancellationToken.None);
        Cache.Dispose();
        _clients.Dispose();
        Metrics.Dispose();
        _stop.Dispose();
    }
}
