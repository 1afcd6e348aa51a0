using ChatOps.SimCluster;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// The test cluster for <c>logs -f</c>: its containers have run for a minute, and it writes a log line a second of
/// cluster time every 200 ms of real time, since the simulated containers write on the cluster's clock while the bot
/// follows on the real one. Disposing stops the writing, then the cluster.
/// </summary>
public sealed class WritingCluster : IAsyncDisposable
{
    private readonly CancellationTokenSource _moving = new();
    private readonly FakeTimeProvider _clock;
    private readonly Task _writer;

    private WritingCluster(KubeTestCluster cluster, FakeTimeProvider clock)
    {
        Cluster = cluster;
        _clock = clock;
        _writer = Task.Run(async () =>
        {
            while (!_moving.IsCancellationRequested)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(200, CancellationToken.None);
            }
        }, CancellationToken.None);
    }

    public KubeTestCluster Cluster { get; }

    public static async Task<WritingCluster> StartAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var cluster = await KubeTestCluster.StartAsync(clock: clock, timing: SimTiming.Realistic with { HpaSync = null });
        for (var i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        return new WritingCluster(cluster, clock);
    }

    /// <summary>The bot's cluster <c>prod-eks</c> is this one, following a log for at most <paramref name="logFollow"/>.</summary>
    public void Configure(Dictionary<string, string?> settings, string logFollow)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["ChatOps:Clusters:prod-eks:Kubeconfig"] = Cluster.Kubeconfig;
        settings["ChatOps:Clusters:prod-eks:DefaultNamespace"] = KubeTestCluster.Ns;
        settings["ChatOps:Clusters:prod-eks:LogFollow"] = logFollow;
    }

    public async ValueTask DisposeAsync()
    {
        await _moving.CancelAsync();
        await _writer;
        _moving.Dispose();
        await Cluster.DisposeAsync();
    }
}
