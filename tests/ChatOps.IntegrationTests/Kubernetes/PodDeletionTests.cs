using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>Deleting a pod: kubectl's answer, the ReplicaSet's replacement, and the uid precondition's 409.</summary>
public sealed class PodDeletionTests
{
    [Fact]
    public async Task Kubectl_DeletePod_RemovesIt_AndTheReplicaSetReplacesIt()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var before = Pods(c);
        var victim = before[0];

        var run = await c.KubectlAsync("delete", "pod", victim, "-n", KubeTestCluster.Ns);

        run.ShouldBe((0, $"pod \"{victim}\" deleted\n"));
        var after = Pods(c);
        after.Count.ShouldBe(before.Count);
        after.ShouldNotContain(victim);
    }

    [Fact]
    public async Task Delete_WithAStaleUidPrecondition_IsAConflict_AndAMatchingOneReturnsTheDeletedPod()
    {
        await using var c = await KubeTestCluster.StartAsync();
        using var http = c.DirectHttp();
        var victim = Pods(c)[0];
        var path = $"api/v1/namespaces/{KubeTestCluster.Ns}/pods/{victim}";
        var uid = c.Server.Store.Get(new ObjectKey("pods", KubeTestCluster.Ns, victim))!.Str("metadata", "uid");

        using var stale = await http.SendAsync(Delete(path, "not-the-uid"));
        var staleBody = JsonNode.Parse(await stale.Content.ReadAsStringAsync())!;
        using var matching = await http.SendAsync(Delete(path, uid!));
        var deleted = JsonNode.Parse(await matching.Content.ReadAsStringAsync())!;

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        staleBody.Str("message")!.ShouldContain("Precondition failed: UID in precondition: not-the-uid");
        matching.StatusCode.ShouldBe(HttpStatusCode.OK);
        deleted.Str("metadata", "name").ShouldBe(victim);
        deleted.Str("kind").ShouldBe("Pod");
        Pods(c).ShouldNotContain(victim);
    }

    private static HttpRequestMessage Delete(string path, string uid) => new(HttpMethod.Delete, path)
    {
        Content = new StringContent($$$"""{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"{{{uid}}}"}}""", Encoding.UTF8, "application/json"),
    };

    private static List<string> Pods(KubeTestCluster c) =>
        c.Server.Store.List("pods", KubeTestCluster.Ns).Select(p => p.Str("metadata", "name")!).ToList();
}
