using System.Text;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// The owning deployment of a pod (for the Rollback / Restart buttons), followed through ownerReferences on the
/// simulated API server: pod → ReplicaSet → Deployment, with only the list calls manifests/rbac.yaml grants.
/// </summary>
public sealed class OwnerLookupTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ADeploymentsPod_IsOwnedByThatDeployment_ABarePodByNone_AndAnUnknownPodIsNotFound()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var pod = c.Server.Store.List("pods", KubeTestCluster.Ns).Select(p => p.Str("metadata", "name")!).First();
        using (var http = c.DirectHttp())
        {
            var bare = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"debug-shell"},"spec":{"containers":[{"name":"sh","image":"busybox:1.36"}]}}""";
            using var created = await http.PostAsync($"api/v1/namespaces/{KubeTestCluster.Ns}/pods", new StringContent(bare, Encoding.UTF8, "application/json"));
            created.IsSuccessStatusCode.ShouldBeTrue(await created.Content.ReadAsStringAsync());
        }

        (await c.Bot.FindOwningDeploymentAsync(c.Target, pod, None)).ShouldBe(KubeTestCluster.Billing);
        (await c.Bot.FindOwningDeploymentAsync(c.Target, "debug-shell", None)).ShouldBeNull();
        var missing = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.FindOwningDeploymentAsync(c.Target, "no-such-pod", None));
        missing.Kind.ShouldBe(KubernetesFailureKind.NotFound);
        c.Server.Calls.Where(k => k.Resource == "replicasets").ShouldAllBe(k => k.Verb == "list");
    }
}
