using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Kubernetes;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// The whole path: a signed Slack slash command, the pipeline, the KubernetesClient adapter against the Kubernetes
/// test API server, the answer back on response_url, and the audit line reaching the audit channel via the outbox.
/// </summary>
public sealed class SlackKubernetesEndToEndTests
{
    private static Task<SlackBotHost> StartAsync(KubeTestCluster cluster) => SlackBotHost.StartAsync(s =>
    {
        // An ack budget too short for any real call: the answer must arrive through response_url.
        s["ChatOps:Slack:AckBudget"] = "00:00:00.001";
        s["ChatOps:Clusters:prod-eks:Kubeconfig"] = cluster.Kubeconfig;
        s["ChatOps:Clusters:prod-eks:Production"] = "true";
        s["ChatOps:Clusters:prod-eks:DefaultNamespace"] = KubeTestCluster.Ns;
    });

    private static long Replicas(KubeTestCluster cluster) =>
        long.Parse(cluster.DeploymentObject()["spec"]!["replicas"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The answer, from the response body when it beat the ack budget, otherwise from response_url.</summary>
    private static async Task<string> AnswerAsync(SlackBotHost host, string text, string user, string responseId)
    {
        var body = JsonNode.Parse(await (await host.CommandAsync(text, user: user, responseId: responseId)).Content.ReadAsStringAsync())!;
        var answer = body["text"]!.GetValue<string>();
        return answer.StartsWith("Working on", StringComparison.Ordinal)
            ? (await host.Slack.WaitForAsync($"response:{responseId}")).Json!["text"]!.GetValue<string>()
            : answer;
    }

    [Fact]
    public async Task Scale_FromASignedSlashCommand_ReachesTheCluster_AndAnswersOnResponseUrl()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await StartAsync(cluster);

        var ack = JsonNode.Parse(await (await host.CommandAsync(
            $"scale deployment/{KubeTestCluster.Billing} --replicas=5 -n urbanos", responseId: "scale")).Content.ReadAsStringAsync())!;

        ack["text"]!.GetValue<string>().ShouldStartWith("Working on `scale deployment/urbanos-service-billing");
        var answer = await host.Slack.WaitForAsync("response:scale");
        answer.Json!["response_type"]!.GetValue<string>().ShouldBe("in_channel");
        answer.Json["text"]!.GetValue<string>().ShouldContain("3 → 5 replicas");
        Replicas(cluster).ShouldBe(5);
        var line = await host.Slack.WaitForAsync("chat.postMessage", c => c.Json?["channel"]?.GetValue<string>() == "C-AUDIT");
        line.Json!["text"]!.GetValue<string>().ShouldContain("scale urbanos-service-billing 5 --namespace=urbanos --cluster=prod-eks");
    }

    [Fact]
    public async Task ScaleToZero_InProduction_WaitsForASecondPerson_ThenRunsOnce()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await StartAsync(cluster);

        var card = await AnswerAsync(host, $"scale {KubeTestCluster.Billing} 0", "U-ALICE", "ask");
        card.ShouldContain("needs approval");
        Replicas(cluster).ShouldBe(3, "nothing runs before the approval");
        var id = (await host.AuditAsync()).First(r => r.ParsedRequest.StartsWith("scale ", StringComparison.Ordinal)).RequestId;

        (await AnswerAsync(host, $"approve {id}", "U-ALICE", "self")).ShouldContain("cannot approve your own request");
        var ran = await AnswerAsync(host, $"approve {id}", "U-BOB", "bob");

        ran.ShouldContain($"{id} approved by slack:U-BOB");
        Replicas(cluster).ShouldBe(0);
        cluster.Server.Calls.Count(c => c.Verb == "patch" && c.RbacResource == "deployments/scale").ShouldBe(1);
    }
}
