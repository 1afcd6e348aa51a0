using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Infrastructure.Kubernetes;
using ChatOps.SimCluster;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// The watch cache against the simulated API server: it answers reads from memory exactly as the live reads do,
/// converges after its watches are cut and after a 410, is not trusted when unsynced or without a watch for too long,
/// and a write from a stale cache is refused by the server and retried on fresh data.
/// </summary>
public sealed class WatchCacheTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private const string B = KubeTestCluster.Billing;

    [Fact]
    public async Task Reads_ComeFromMemory_AndAnswerExactlyAsTheLiveReads()
    {
        await using var c = await KubeTestCluster.StartAsync();
        await using var cached = await CachedKube.StartAsync(c);
        c.Server.ClearCalls();

        var status = await cached.Bot.GetStatusAsync(c.Target, B, None);
        var hpas = await cached.Bot.ListHpasAsync(c.Target, None);
        var hpa = await cached.Bot.GetHpaAsync(c.Target, B, None);
        var pods = await cached.Bot.ListPodsAsync(c.Target, new PodSelection(B, null), None);

        c.Server.Calls.Where(x => x.Verb is "get" or "list").ShouldBeEmpty();
        Json(status).ShouldBe(Json(await c.Bot.GetStatusAsync(c.Target, B, None)));
        Json(hpas).ShouldBe(Json(await c.Bot.ListHpasAsync(c.Target, None)));
        Json(hpa).ShouldBe(Json(await c.Bot.GetHpaAsync(c.Target, B, None)));
        Json(pods).ShouldBe(Json(await c.Bot.ListPodsAsync(c.Target, new PodSelection(B, null), None)));
        status.Pods.Count.ShouldBe(3);
        (await cached.Metrics.ValueAsync("chatops_kube_cache_reads_total{cluster=\"local\",source=\"cache\"}")).ShouldBe(4);
    }

    [Fact]
    public async Task AStatusFromMemory_LeavesOutAPodTakenOutOfTheSelector_AndOneNoReplicaSetOwns_AsTheLiveReadDoes()
    {
        await using var c = await KubeTestCluster.StartAsync();
        await using var cached = await CachedKube.StartAsync(c);
        var pod = c.Server.Store.List("pods", KubeTestCluster.Ns)[0];

        // Relabelled to take it out of service: still naming its replica set as owner until the controller lets go.
        var quarantined = Clone(pod, "billing-quarantined");
        quarantined["metadata"]!["labels"]!["app"] = "billing-quarantined";
        // Selected by the deployment's labels, but made by hand: no replica set of the deployment owns it.
        var stray = Clone(pod, "billing-stray");
        stray["metadata"]!.AsObject().Remove("ownerReferences");
        c.Server.Store.Create(new ObjectKey("pods", KubeTestCluster.Ns, "billing-quarantined"), quarantined);
        c.Server.Store.Create(new ObjectKey("pods", KubeTestCluster.Ns, "billing-stray"), stray);
        await cached.UntilAsync(() => cached.Namespace.Pods.All.Count() == 5, "the cache to see both pods");

        var status = await cached.Bot.GetStatusAsync(c.Target, B, None);

        status.Pods.Select(p => p.Name).ShouldNotContain(n => n.StartsWith("billing-", StringComparison.Ordinal));
        status.Pods.Count.ShouldBe(3);
        Json(status).ShouldBe(Json(await c.Bot.GetStatusAsync(c.Target, B, None)));
    }

    private static JsonObject Clone(JsonObject pod, string name)
    {
        var clone = pod.DeepClone().AsObject();
        var metadata = clone["metadata"]!.AsObject();
        metadata["name"] = name;
        metadata.Remove("uid");
        metadata.Remove("resourceVersion");
        return clone;
    }

    [Fact]
    public async Task Cache_Converges_AfterItsWatchesAreCut_ByResumingFromTheLastVersion()
    {
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var c = await KubeTestCluster.StartAsync(clock: serverClock);
        await using var cached = await CachedKube.StartAsync(c);

        await CutAsync(c, cached, serverClock);
        c.Server.Seed.Update(KubeTestCluster.Ns, B, d => d["spec"]!["replicas"] = 7);
        cached.Namespace.Deployments.Get(B)!.Spec.Replicas.ShouldBe(3);
        cached.RefuseWatches = false;

        await cached.UntilAsync(() => cached.Namespace.Deployments.Get(B)!.Spec.Replicas == 7, "the cut watch to resume");
        await cached.UntilAsync(() => cached.Namespace.Pods.All.Count() == 7, "the pods to follow");
        cached.Namespace.Deployments.Relists.ShouldBe(1, "a cut watch resumes from its last version; it does not list again");
    }

    [Fact]
    public async Task Cache_ListsAgain_WhenItsWatchIsTooOldToResume_410()
    {
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var c = await KubeTestCluster.StartAsync(clock: serverClock);
        await using var cached = await CachedKube.StartAsync(c);

        await CutAsync(c, cached, serverClock);
        // More changes than the server's watch history keeps (1000): resuming is answered 410 Expired.
        for (var i = 0; i < 1100; i++)
        {
            c.Server.Seed.Update(KubeTestCluster.Ns, B, d => d["metadata"]!["annotations"]!["test/n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        c.Server.Seed.Update(KubeTestCluster.Ns, B, d => d["spec"]!["replicas"] = 5);
        cached.RefuseWatches = false;

        await cached.UntilAsync(() => cached.Namespace.Deployments.Get(B)!.Spec.Replicas == 5, "the cache to list again");
        cached.Namespace.Deployments.Relists.ShouldBe(2);
        cached.Namespace.Deployments.Get(B)!.Metadata.Annotations["test/n"].ShouldBe("1099");
        await cached.UntilAsync(() => cached.Namespace.Pods.All.Count() == 5, "the pods to follow");
    }

    [Fact]
    public async Task Scale_FromAStaleCache_IsRefusedByTheServer_AndRetriedOnFreshData_NeverAppliedBlindly()
    {
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var c = await KubeTestCluster.StartAsync(clock: serverClock);
        await using var cached = await CachedKube.StartAsync(c);
        await CutAsync(c, cached, serverClock);
        c.Server.Seed.Update(KubeTestCluster.Ns, B, d => d["spec"]!["replicas"] = 5);
        cached.Namespace.Deployments.Get(B)!.Spec.Replicas.ShouldBe(3, "the cache is stale but still within its bound");
        c.Server.ClearCalls();

        var change = await cached.Bot.ScaleAsync(c.Target, B, 4, dryRun: false, None);

        change.Before.ShouldBe(5, "the before value of a stale cache (3) was refused with a 409 and read again");
        change.After.ShouldBe(4);
        c.Server.Calls.Count(x => x.RbacResource == "deployments/scale" && x.Verb == "patch").ShouldBe(2);
        c.Server.Calls.ShouldContain(x => x.Verb == "get" && x.Resource == "deployments");
        c.DeploymentObject()["spec"]!["replicas"]!.GetValue<long>().ShouldBe(4);
    }

    [Fact]
    public async Task ACacheWithoutAWatchForLongerThanTheBound_IsNotTrusted_ReadsGoLive_AndTheMetricSaysSo()
    {
        var serverClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var botClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var c = await KubeTestCluster.StartAsync(clock: serverClock);
        await using var cached = await CachedKube.StartAsync(c, botClock, staleAfter: TimeSpan.FromSeconds(10));
        await CutAsync(c, cached, serverClock);
        c.Server.Seed.Update(KubeTestCluster.Ns, B, d => d["spec"]!["replicas"] = 6);

        botClock.Advance(TimeSpan.FromSeconds(5));
        (await cached.Bot.GetStatusAsync(c.Target, B, None)).Deployment.Desired.ShouldBe(3, "within the bound the cache answers");
        botClock.Advance(TimeSpan.FromSeconds(6));
        c.Server.ClearCalls();
        var status = await cached.Bot.GetStatusAsync(c.Target, B, None);

        status.Deployment.Desired.ShouldBe(6);
        c.Server.Calls.ShouldContain(x => x.Verb == "get" && x.Resource == "deployments");
        (await cached.Metrics.ValueAsync("chatops_kube_cache_reads_total{cluster=\"local\",source=\"live_not_fresh\"}")).ShouldBe(1);
    }

    [Fact]
    public async Task ACacheWhoseClientCannotBeBuilt_DoesNotStopTheHost_AndReadsGoLive()
    {
        var options = new ChatOps.Bot.Features.Authorization.TargetOptions
        {
            Clusters = { ["local"] = new() { Kubeconfig = "/nonexistent/kubeconfig", WatchCache = true } },
        };
        var monitor = new Microsoft.Extensions.Options.OptionsMonitor<ChatOps.Bot.Features.Authorization.TargetOptions>(
            new Microsoft.Extensions.Options.OptionsFactory<ChatOps.Bot.Features.Authorization.TargetOptions>([new Microsoft.Extensions.Options.ConfigureOptions<ChatOps.Bot.Features.Authorization.TargetOptions>(o => o.Clusters = options.Clusters)], []),
            [], new Microsoft.Extensions.Options.OptionsCache<ChatOps.Bot.Features.Authorization.TargetOptions>());
        using var clients = new KubernetesClients(monitor);
        using var metrics = new ChatOps.Tests.Fakes.MetricsProbe();
        using var cache = new KubeCache(clients, monitor, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, metrics.Metrics);

        await cache.StartAsync(None);

        (await Task.WhenAny(cache.ExecuteTask!, Task.Delay(500))).ShouldBe(cache.ExecuteTask, "with nothing to watch it ends at once");
        cache.ExecuteTask!.IsFaulted.ShouldBeFalse();
        cache.Fresh(new KubeTarget("local", "default")).ShouldBeNull();
        await cache.StopAsync(None);
    }

    /// <summary>Refuses the bot's watches and ends the open ones; the cache keeps what it had.</summary>
    private static async Task CutAsync(KubeTestCluster c, CachedKube cached, FakeTimeProvider serverClock)
    {
        cached.RefuseWatches = true;
        var n = cached.Namespace;

        // A watch still on its way to the server when the clock moves starts its timeout after the move and would stay
        // open: the clock moves again on every look until all four have ended (new ones are refused).
        await cached.UntilAsync(() =>
        {
            if (!n.Deployments.IsWatching && !n.ReplicaSets.IsWatching && !n.Pods.IsWatching && !n.Hpas.IsWatching)
            {
                return true;
            }

            serverClock.Advance(TimeSpan.FromSeconds(KubernetesAdapter.WatchSeconds + 1));
            return false;
        }, "all four watches to be lost");
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
