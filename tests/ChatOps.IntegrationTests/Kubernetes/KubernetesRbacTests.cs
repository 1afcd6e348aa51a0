using ChatOps.Bot.Features.Kubernetes;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// Least privilege, proven both ways: every rule of the ClusterRole in manifests/rbac.yaml is used by some command
/// (here, driving every port method), and every call the bot makes is allowed (here, and in every other test that
/// uses <see cref="KubeTestCluster"/>, which checks its recorded calls when it is disposed).
/// </summary>
public sealed class KubernetesRbacTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Role_AllowsEveryCallTheBotMakes_AndNothingElse()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var b = KubeTestCluster.Billing;

        // Every port method, hence every command (status, rollout status/history read the same way), dry runs too.
        await c.Bot.GetStatusAsync(c.Target, b, None);
        await c.Bot.ScaleAsync(c.Target, b, 4, dryRun: true, None);
        await c.Bot.ScaleAsync(c.Target, b, 4, dryRun: false, None);
        await c.Bot.SetHpaBoundsAsync(c.Target, b, 3, 12, dryRun: false, None);
        await c.Bot.UndoAsync(c.Target, b, null, dryRun: true, None);
        await c.Bot.UndoAsync(c.Target, b, 1, dryRun: false, None);
        await c.Bot.RestartAsync(c.Target, b, DateTimeOffset.UtcNow, dryRun: false, None);
        await c.Bot.GetHpaAsync(c.Target, b, None);
        await c.Bot.ListHpasAsync(c.Target, None);
        var pods = await c.Bot.ListPodsAsync(c.Target, new PodSelection(b, null), None);
        await c.Bot.GetPodAsync(c.Target, pods[0].Name, None);
        await c.Bot.ListEventsAsync(c.Target, [new ObjectRef("Pod", pods[0].Name)], None);
        await c.Bot.ReadLogAsync(c.Target, new LogRead(pods[0].Name, pods[0].Containers[0].Name, false, null, 10, 4096), None);
        c.Server.Seed.Service(KubeTestCluster.Ns, b, new Dictionary<string, string> { ["app"] = b }, ("http", 8090));
        await c.Bot.ListServicesAsync(c.Target, b, None);
        await c.Bot.GetPodTemplateLabelsAsync(c.Target, b, None);
        await c.Bot.ProxyGetAsync(c.Target, b, "http", "/actuator/health", 1024, None);
        var container = c.DeploymentObject()["spec"]!["template"]!["spec"]!["containers"]![0]!["name"]!.GetValue<string>();
        await c.Bot.SetImageAsync(c.Target, b, container, "registry.urbanos.com/urbanos/service-billing:4.0.0", "chatops set image", dryRun: false, None);

        var pod = c.Server.Store.List("pods", KubeTestCluster.Ns)[0]["metadata"]!["name"]!.GetValue<string>();
        var deleted = await c.Bot.DeletePodAsync(c.Target, pod, dryRun: false, None);
        await c.Bot.FindReplacementAsync(c.Target, deleted, None);
        using (var watch = new CancellationTokenSource())
        {
            await foreach (var _ in c.Bot.WatchDeploymentAsync(c.Target, b, watch.Token).Take(2))
            {
                watch.CancelAfter(TimeSpan.FromSeconds(5));
                c.Server.Seed.Update(KubeTestCluster.Ns, b, d => d["spec"]!["replicas"] = 6);
            }
        }

        // The watch cache (WatchCache: true) lists and watches the four kinds it keeps.
        await using (var cached = await CachedKube.StartAsync(c))
        {
            await cached.Bot.GetStatusAsync(c.Target, b, None);
        }

        var calls = c.Server.Calls.Where(x => !x.IsDiscovery).Select(x => (x.Group, Resource: x.RbacResource, x.Verb)).Distinct().ToList();
        RbacManifest.Disallowed(c.Server.Calls).ShouldBeEmpty();
        foreach (var rule in RbacManifest.Rules)
        {
            calls.ShouldContain(rule, $"manifests/rbac.yaml grants {rule.Verb} {rule.Resource} in group '{rule.Group}', which the bot never uses");
        }
    }
}
