using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>Field selectors honoured or refused with 400, and 422 answers that carry their causes, as a real server's do.</summary>
public sealed class SelectorAndValidationTests
{
    [Fact]
    public async Task Kubectl_FieldSelectors_AreHonoured_AndAnUnsupportedFieldIsABadRequest()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var pod = c.Server.Store.List("pods", KubeTestCluster.Ns)[0].Str("metadata", "name");

        var byName = await c.KubectlAsync("get", "pods", "--field-selector", $"metadata.name={pod}", "-o", "name");
        var running = await c.KubectlAsync("get", "pods", "--field-selector", "status.phase=Running,metadata.namespace=urbanos", "-o", "name");
        var notRunning = await c.KubectlAsync("get", "pods", "--field-selector", "status.phase!=Running", "-o", "name");
        var unsupported = await c.KubectlAsync("get", "deployments", "--field-selector", "spec.replicas=3");

        byName.ShouldBe((0, $"pod/{pod}\n"));
        running.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3);
        notRunning.Output.ShouldNotContain("pod/");
        unsupported.Exit.ShouldNotBe(0);
        unsupported.Output.ShouldContain("Error from server (BadRequest)");
        unsupported.Output.ShouldContain("field label not supported: spec.replicas");
    }

    [Fact]
    public async Task AnInvalidDeployment_Is422_WithACausePerField()
    {
        await using var c = await KubeTestCluster.StartAsync();
        using var http = c.DirectHttp();
        var patch = new StringContent("""{"spec":{"replicas":-1,"template":{"spec":{"containers":null}}}}""", Encoding.UTF8, "application/merge-patch+json");

        using var answer = await http.PatchAsync($"apis/apps/v1/namespaces/{KubeTestCluster.Ns}/deployments/{KubeTestCluster.Billing}", patch);
        var status = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;

        answer.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        status.Str("reason").ShouldBe("Invalid");
        status.Str("details", "kind").ShouldBe("Deployment");
        status.Str("details", "name").ShouldBe(KubeTestCluster.Billing);
        var causes = ((JsonArray)status["details"]!["causes"]!).Select(x => $"{x.Str("reason")} {x.Str("field")} {x.Str("message")}").ToList();
        causes.ShouldBe([
            "FieldValueInvalid spec.replicas Invalid value: -1: must be greater than or equal to 0",
            "FieldValueRequired spec.template.spec.containers Required value",
        ]);
        status.Str("message").ShouldBe($"Deployment.apps \"{KubeTestCluster.Billing}\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.containers: Required value]");
    }
}
