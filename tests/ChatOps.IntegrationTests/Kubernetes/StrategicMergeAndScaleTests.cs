using System.Text.Json.Nodes;
using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>Strategic merge with the real merge keys and directives, and the Scale subresource's status, judged by kubectl.</summary>
public sealed class StrategicMergeAndScaleTests
{
    private const string Container = KubeTestCluster.Billing;

    [Fact]
    public async Task Kubectl_SetEnvWithADash_RemovesTheVariable_AndKeepsTheOthers()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var add = await c.KubectlAsync("set", "env", $"deployment/{KubeTestCluster.Billing}", "-n", KubeTestCluster.Ns, "A=1");
        var remove = await c.KubectlAsync("set", "env", $"deployment/{KubeTestCluster.Billing}", "-n", KubeTestCluster.Ns, "TENANT-");

        add.Exit.ShouldBe(0, add.Output);
        remove.Exit.ShouldBe(0, remove.Output);
        Env(c).ShouldBe(["A"]);
    }

    [Fact]
    public async Task Kubectl_PatchingAContainerPort_AddsIt_BesideTheExistingOne()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var run = await c.KubectlAsync("patch", "deployment", KubeTestCluster.Billing, "-n", KubeTestCluster.Ns, "-p",
            ContainerPatch("\"ports\":[{\"containerPort\":9090}]"));

        run.Exit.ShouldBe(0, run.Output);
        ContainerOf(c)["ports"]!.AsArray().Select(p => p.Num("containerPort")).ShouldBe([8090L, 9090L]);
    }

    [Fact]
    public async Task Kubectl_SetImage_ChangesOnlyTheImage()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var before = (JsonObject)ContainerOf(c).DeepClone();

        var run = await c.KubectlAsync("set", "image", $"deployment/{KubeTestCluster.Billing}", "-n", KubeTestCluster.Ns, $"{Container}=registry.urbanos.com/urbanos/service-billing:4.0.0");

        run.Exit.ShouldBe(0, run.Output);
        before["image"] = "registry.urbanos.com/urbanos/service-billing:4.0.0";
        Json.Write(Json.Normalize(ContainerOf(c))).ShouldBe(Json.Write(Json.Normalize(before)));
    }

    [Fact]
    public async Task Directives_DeleteAnElement_RetainKeys_AndDeleteFromAPrimitiveList()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var strategy = await c.KubectlAsync("patch", "deployment", KubeTestCluster.Billing, "-n", KubeTestCluster.Ns, "-p",
            """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");
        var addArgs = await c.KubectlAsync("patch", "deployment", KubeTestCluster.Billing, "-n", KubeTestCluster.Ns, "-p",
            ContainerPatch("\"args\":[\"a\",\"b\",\"c\"]"));
        var dropArg = await c.KubectlAsync("patch", "deployment", KubeTestCluster.Billing, "-n", KubeTestCluster.Ns, "-p",
            ContainerPatch("\"$deleteFromPrimitiveList/args\":[\"b\"],\"ports\":[{\"containerPort\":8090,\"$patch\":\"delete\"}]"));

        strategy.Exit.ShouldBe(0, strategy.Output);
        addArgs.Exit.ShouldBe(0, addArgs.Output);
        dropArg.Exit.ShouldBe(0, dropArg.Output);
        Json.Write(c.DeploymentObject()["spec"]!["strategy"]).ShouldBe("""{"type":"Recreate"}""");
        ContainerOf(c)["args"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["a", "c"]);
        ContainerOf(c)["ports"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Kubectl_ScaleSubresource_ReportsTheDeploymentsStatus_NotTheSpec()
    {
        await using var c = await KubeTestCluster.StartAsync();
        // As mid-rollout: the controller has seen only two of the three pods the spec asks for.
        var key = new ObjectKey("deployments", KubeTestCluster.Ns, KubeTestCluster.Billing);
        var status = (JsonObject)c.DeploymentObject()["status"]!.DeepClone();
        status["replicas"] = 2;
        c.Server.Store.WriteStatus(key, status);

        var run = await c.KubectlAsync("get", "deployment", KubeTestCluster.Billing, "-n", KubeTestCluster.Ns, "--subresource=scale", "-o", "jsonpath={.spec.replicas} {.status.replicas}");

        run.ShouldBe((0, "3 2"));
    }

    private static string ContainerPatch(string fields) =>
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"" + Container + "\"," + fields + "}]}}}}";

    private static List<string> Env(KubeTestCluster c) =>
        ContainerOf(c)["env"]?.AsArray().Select(e => e.Str("name")!).ToList() ?? [];

    private static JsonObject ContainerOf(KubeTestCluster c) =>
        (JsonObject)c.DeploymentObject()["spec"]!["template"]!["spec"]!["containers"]![0]!;
}
