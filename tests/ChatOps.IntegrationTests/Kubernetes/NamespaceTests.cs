namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>Namespace objects as a real cluster has them, judged by kubectl.</summary>
public sealed class NamespaceTests
{
    [Fact]
    public async Task Kubectl_GetNamespaces_ListsTheSystemOnesAndTheSeeded()
    {
        await using var c = await KubeTestCluster.StartAsync();

        var list = await c.KubectlAsync("get", "namespaces", "-o", "name");
        var phase = await c.KubectlAsync("get", "namespace", KubeTestCluster.Ns, "-o", "jsonpath={.status.phase} {.metadata.labels.kubernetes\\.io/metadata\\.name} {.metadata.namespace}");

        list.ShouldBe((0, "namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\nnamespace/urbanos\n"));
        phase.ShouldBe((0, $"Active {KubeTestCluster.Ns} "));
    }

    [Fact]
    public async Task Kubectl_CreateInAMissingNamespace_IsNotFound_AndGetThereFindsNothing()
    {
        await using var c = await KubeTestCluster.StartAsync();

        // From a file: `kubectl create deployment` sends protobuf, which this server does not speak.
        var file = Path.Combine(Path.GetDirectoryName(c.Kubeconfig)!, "x.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: x
            data:
              a: b
            """);
        var create = await c.KubectlAsync("create", "--validate=false", "-f", file, "-n", "nowhere");
        var get = await c.KubectlAsync("get", "configmap", "x", "-n", "nowhere");

        create.Exit.ShouldNotBe(0);
        create.Output.ShouldContain("Error from server (NotFound)");
        create.Output.ShouldContain("namespaces \"nowhere\" not found");
        get.Exit.ShouldNotBe(0);
        // kubectl 1.32 looks the namespace up after a NotFound and names it, as against a real cluster.
        get.Output.ShouldContain("Error from server (NotFound): namespaces \"nowhere\" not found");
    }
}
