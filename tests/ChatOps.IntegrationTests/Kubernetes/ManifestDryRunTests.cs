using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Support;
using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// The real kubectl applies manifests/ to the Kubernetes test API server with <c>--dry-run=server</c>: every object is
/// sent as a create with <c>dryRun=All</c>, checked by the server and not stored. The test server serves no OpenAPI
/// document, so kubectl runs with <c>--validate=false</c>; field names are checked by ManifestTests, which parses
/// every object into the client's typed models.
/// </summary>
public sealed class ManifestDryRunTests
{
    private static readonly string[] Files = ["rbac.yaml", "configmap.yaml", "deployment.yaml", "service.yaml", "pdb.yaml", "networkpolicy.yaml"];

    private static string Manifest(string file) => Path.Combine(BotProcess.RepositoryRoot, "manifests", file);

    private static async Task<KubeTestCluster> WithNamespacesAsync()
    {
        var cluster = await KubeTestCluster.StartAsync();
        // The bot's namespace through kubectl for real (a dry-run create cannot be built on); the RoleBinding's
        // namespace, the workload's, exists already (the seed created it).
        var (exit, output) = await cluster.KubectlAsync("apply", "--validate=false", "-f", Manifest("namespace.yaml"));
        exit.ShouldBe(0, output);
        output.ShouldContain("namespace/chatops created");
        return cluster;
    }

    [Fact]
    public async Task EveryManifest_PassesAServerDryRun_AndNothingIsStored()
    {
        await using var cluster = await WithNamespacesAsync();

        foreach (var file in Files)
        {
            var (exit, output) = await cluster.KubectlAsync("apply", "--dry-run=server", "--validate=false", "-f", Manifest(file));
            exit.ShouldBe(0, $"{file}: {output}");
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(l => l.EndsWith(" created (server dry run)"), output);
        }

        var creates = cluster.Server.Calls.Where(c => c.Verb == "create").ToList();
        creates.Where(c => c.Resource != "namespaces").ShouldAllBe(c => c.Query.Contains("dryRun=All"));
        creates.Select(c => c.Resource).Distinct().Order(StringComparer.Ordinal).ShouldBe(
        [
            "clusterroles", "configmaps", "deployments", "namespaces", "networkpolicies", "poddisruptionbudgets", "rolebindings",
            "serviceaccounts", "services",
        ]);
        cluster.Server.Store.Get(new ObjectKey("deployments", "chatops", "chatops-bot")).ShouldBeNull();
        cluster.Server.Store.Get(new ObjectKey("configmaps", "chatops", "chatops-bot-config")).ShouldBeNull();
    }

    [Fact]
    public async Task ABrokenDeployment_IsRefusedByTheServer()
    {
        await using var cluster = await WithNamespacesAsync();
        using var temp = new TempDirectory();
        var broken = File.ReadAllText(Manifest("deployment.yaml"))
            .Replace("  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: chatops-bot", "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: other", StringComparison.Ordinal);
        broken.ShouldContain("name: other");
        var path = Path.Combine(temp.Path, "deployment.yaml");
        File.WriteAllText(path, broken);

        var (exit, output) = await cluster.KubectlAsync("apply", "--dry-run=server", "--validate=false", "-f", path);

        // With details.causes kubectl names the kind, the object and the field, as against a real cluster.
        exit.ShouldNotBe(0);
        output.ShouldContain("The Deployment \"chatops-bot\" is invalid");
        output.ShouldContain("spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`");
        cluster.Server.Calls.ShouldContain(c => c.Verb == "create" && c.Resource == "deployments" && c.Query.Contains("dryRun=All"));
    }

    [Fact]
    public async Task WithoutItsNamespace_AnObjectIsRefused_AsTheRealServerDoes()
    {
        await using var cluster = await KubeTestCluster.StartAsync();

        var (exit, output) = await cluster.KubectlAsync("apply", "--dry-run=server", "--validate=false", "-f", Manifest("configmap.yaml"));

        exit.ShouldNotBe(0);
        output.ShouldContain("namespaces \"chatops\" not found");
    }
}
