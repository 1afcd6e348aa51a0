using System.Text.Json.Nodes;
using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>A write that changes nothing keeps the resourceVersion and wakes no watch, as on a real cluster.</summary>
public sealed class NoOpWriteTests
{
    [Fact]
    public async Task Kubectl_PatchWithTheCurrentValue_SaysNoChange_KeepsTheResourceVersion_AndNoWatchHearsOfIt()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var before = c.DeploymentObject().Str("metadata", "resourceVersion");
        var since = c.Server.Store.CurrentVersion;

        var patch = await c.KubectlAsync("patch", "deployment", KubeTestCluster.Billing, "-n", KubeTestCluster.Ns, "-p", """{"spec":{"replicas":3}}""");
        var scale = await c.KubectlAsync("scale", "deployment", KubeTestCluster.Billing, "-n", KubeTestCluster.Ns, "--replicas=3");
        using var http = c.DirectHttp();
        var events = await http.GetStringAsync($"apis/apps/v1/namespaces/{KubeTestCluster.Ns}/deployments?watch=1&resourceVersion={since}&timeoutSeconds=1");

        patch.ShouldBe((0, $"deployment.apps/{KubeTestCluster.Billing} patched (no change)\n"));
        scale.Exit.ShouldBe(0, scale.Output);
        c.DeploymentObject().Str("metadata", "resourceVersion").ShouldBe(before);
        c.Server.Store.CurrentVersion.ShouldBe(since);
        events.ShouldBeEmpty();
    }

    [Fact]
    public async Task APutOfTheStoredObject_KeepsItsResourceVersion_AndARealChangeStillBumpsIt()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var key = new ObjectKey("deployments", KubeTestCluster.Ns, KubeTestCluster.Billing);
        var stored = c.DeploymentObject();
        var version = stored.Str("metadata", "resourceVersion");
        var generation = stored.Num("metadata", "generation");

        var same = c.Server.Store.Replace(key, (JsonObject)stored.DeepClone());
        stored["spec"]!["paused"] = true;
        var changed = c.Server.Store.Replace(key, stored);

        same.Str("metadata", "resourceVersion").ShouldBe(version);
        changed.Str("metadata", "resourceVersion").ShouldNotBe(version);
        changed.Num("metadata", "generation").ShouldBe(generation + 1);
    }
}
