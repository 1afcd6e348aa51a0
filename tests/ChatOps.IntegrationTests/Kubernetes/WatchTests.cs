using System.Text.Json.Nodes;
using ChatOps.SimCluster;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// Watches on the simulated API server, judged by the real kubectl (rollout status -w, get -w) and by the wire
/// format itself: ADDED for what exists, replay after a resourceVersion, 410 Expired when it is too old.
/// </summary>
public sealed class WatchTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Kubectl_RolloutStatusWatch_FollowsTheProgressiveRollout_AndEndsWhenItCompletes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var c = await KubeTestCluster.StartAsync(clock: clock, timing: SimTiming.Realistic with { HpaSync = null });
        Advance(clock, 60);
        c.Server.Seed.SetImage(KubeTestCluster.Ns, KubeTestCluster.Billing, "registry.urbanos.com/urbanos/service-billing:3.2.0");

        await using var kubectl = c.KubectlStream("rollout", "status", $"deployment/{KubeTestCluster.Billing}", "-w", "--timeout=60s", "-n", KubeTestCluster.Ns);
        await c.WatchOpenedAsync("deployments");
        await kubectl.WaitForAsync("Waiting for deployment", Wait);
        // Only the controllers' status writes, as pods become ready in simulated time, can end the watch.
        for (var second = 0; second < 60 && !kubectl.Output.Contains("successfully rolled out", StringComparison.Ordinal); second++)
        {
            Advance(clock, 1);
            await Task.Delay(50);
        }

        (await kubectl.ExitAsync(Wait)).ShouldBe(0, kubectl.Output);
        kubectl.Output.ShouldContain("rollout to finish: 2 out of 3 new replicas have been updated");
        kubectl.Output.ShouldContain("successfully rolled out");
    }

    [Fact]
    public async Task Kubectl_GetWatch_PrintsALine_WhenTheDeploymentChanges()
    {
        await using var c = await KubeTestCluster.StartAsync();
        // The server prints no Table, so the columns are asked for explicitly.
        await using var kubectl = c.KubectlStream("get", "deployment", KubeTestCluster.Billing, "-w", "-n", KubeTestCluster.Ns, "-o", "custom-columns=NAME:.metadata.name,WANT:.spec.replicas,READY:.status.readyReplicas");
        await kubectl.WaitForAsync($"{KubeTestCluster.Billing}   3      3", Wait);
        await c.WatchOpenedAsync("deployments");

        c.Server.Seed.Update(KubeTestCluster.Ns, KubeTestCluster.Billing, d => d["spec"]!["replicas"] = 5);

        await kubectl.WaitForAsync($"{KubeTestCluster.Billing}   5      5", Wait);
    }

    [Fact]
    public async Task Watch_FromAResourceVersion_ReplaysTheChangesAfterIt_DecoratedAsGetShowsThem_AndEndsAtTimeoutSeconds()
    {
        await using var c = await KubeTestCluster.StartAsync();
        using var http = c.DirectHttp();
        var since = c.Server.Store.CurrentVersion;
        c.Server.Seed.Update(KubeTestCluster.Ns, KubeTestCluster.Billing, d => d["spec"]!["replicas"] = 4);
        var get = JsonNode.Parse(await http.GetStringAsync($"apis/apps/v1/namespaces/{KubeTestCluster.Ns}/deployments/{KubeTestCluster.Billing}"))!;

        var events = await WatchAsync(http, $"apis/apps/v1/namespaces/{KubeTestCluster.Ns}/deployments?watch=1&resourceVersion={since}&timeoutSeconds=1");

        var modified = events.Where(e => e.Str("type") == "MODIFIED").ToList();
        modified.ShouldNotBeEmpty();
        var last = modified[^1]["object"]!;
        last.Num("spec", "replicas").ShouldBe(4);
        // Status, condition times included, is stored by the controllers, so the event and a later GET agree exactly.
        last["status"]!.AsObject().Count.ShouldBeGreaterThan(3);
        Json.Write(last["status"]).ShouldBe(Json.Write(get["status"]));
        events.ShouldNotContain(e => e.Str("type") == "ADDED");
    }

    [Fact]
    public async Task Watch_WithoutAResourceVersion_StartsWithTheCurrentObjects_SelectedByLabelAndName()
    {
        await using var c = await KubeTestCluster.StartAsync();
        c.Server.Seed.Deployment(KubeTestCluster.Ns, "other", 1, "registry.urbanos.com/other:1");
        using var http = c.DirectHttp();

        var byLabel = await WatchAsync(http, $"apis/apps/v1/namespaces/{KubeTestCluster.Ns}/deployments?watch=true&labelSelector=app%3Dother&timeoutSeconds=1");
        var byName = await WatchAsync(http, $"apis/apps/v1/namespaces/{KubeTestCluster.Ns}/deployments?watch=true&fieldSelector=metadata.name%3D{KubeTestCluster.Billing}&timeoutSeconds=1");

        byLabel.Select(e => $"{e.Str("type")} {e.Str("object", "metadata", "name")}").ShouldBe(["ADDED other"]);
        byName.Select(e => $"{e.Str("type")} {e.Str("object", "metadata", "name")}").ShouldBe([$"ADDED {KubeTestCluster.Billing}"]);
    }

    [Fact]
    public async Task Watch_WithALabelSelector_SeesAnObjectEnterAsAdded_AndLeaveAsDeleted()
    {
        await using var c = await KubeTestCluster.StartAsync();
        using var http = c.DirectHttp();
        var pod = c.Server.Store.List("pods", KubeTestCluster.Ns)[0].Str("metadata", "name")!;
        var since = c.Server.Store.CurrentVersion;

        var tag = await c.KubectlAsync("label", "pod", pod, "-n", KubeTestCluster.Ns, "tier=canary");
        var relabel = await c.KubectlAsync("annotate", "pod", pod, "-n", KubeTestCluster.Ns, "note=still-canary");
        var untag = await c.KubectlAsync("label", "pod", pod, "-n", KubeTestCluster.Ns, "tier-");
        var events = await WatchAsync(http, $"api/v1/namespaces/{KubeTestCluster.Ns}/pods?watch=1&resourceVersion={since}&labelSelector=tier%3Dcanary&timeoutSeconds=1");

        (tag.Exit, relabel.Exit, untag.Exit).ShouldBe((0, 0, 0), tag.Output + relabel.Output + untag.Output);
        events.Select(e => $"{e.Str("type")} {e.Str("object", "metadata", "name")} {e.Str("object", "metadata", "labels", "tier") ?? "-"}")
            .ShouldBe([$"ADDED {pod} canary", $"MODIFIED {pod} canary", $"DELETED {pod} -"]);
    }

    [Fact]
    public async Task Watch_FromAVersionOlderThanTheKeptHistory_IsExpired()
    {
        await using var c = await KubeTestCluster.StartAsync();
        using var http = c.DirectHttp();

        var events = await WatchAsync(http, $"apis/apps/v1/namespaces/{KubeTestCluster.Ns}/deployments?watch=1&resourceVersion=5&timeoutSeconds=5");

        events.Count.ShouldBe(1);
        events[0].Str("type").ShouldBe("ERROR");
        events[0].Num("object", "code").ShouldBe(410);
        events[0].Str("object", "reason").ShouldBe("Expired");
    }

    private static async Task<List<JsonNode>> WatchAsync(HttpClient http, string path)
    {
        var text = await http.GetStringAsync(path);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }

    private static void Advance(FakeTimeProvider clock, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
