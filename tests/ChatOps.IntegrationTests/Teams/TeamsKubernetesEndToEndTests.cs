using System.Net;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Kubernetes;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>
/// The whole Teams path: a signed activity, the pipeline, the KubernetesClient adapter against the Kubernetes test
/// API server, the reply in the thread through the Connector, the audit line proactively in the audit conversation,
/// and approval buttons clicked as <c>Action.Execute</c> and <c>Action.Submit</c> — each running exactly once.
/// </summary>
public sealed class TeamsKubernetesEndToEndTests
{
    private static Task<TeamsBotHost> StartAsync(KubeTestCluster cluster, bool production = false) => TeamsBotHost.StartAsync(s =>
    {
        s["ChatOps:Clusters:prod-eks:Kubeconfig"] = cluster.Kubeconfig;
        s["ChatOps:Clusters:prod-eks:Production"] = production ? "true" : "false";
        s["ChatOps:Clusters:prod-eks:DefaultNamespace"] = KubeTestCluster.Ns;
    });

    private static string Image(KubeTestCluster cluster) =>
        cluster.DeploymentObject()["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();

    private static long Replicas(KubeTestCluster cluster) =>
        long.Parse(cluster.DeploymentObject()["spec"]!["replicas"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task RolloutUndo_FromATeamsMessage_RollsBack_RepliesInThread_AndPostsTheAuditLine()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await StartAsync(cluster);
        await host.AddBotToAsync(TeamsBotHost.AuditConversation);
        Image(cluster).ShouldBe(KubeTestCluster.Images[2]);
        var message = host.Message($"rollout undo deployment/{KubeTestCluster.Billing} -n urbanos");

        (await host.PostAsync(message)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var id = message["id"]!.GetValue<string>();
        var reply = await host.BotFramework.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith($"/activities/{id}", StringComparison.Ordinal));
        reply.Path.ShouldStartWith($"/connector/v3/conversations/{TeamsBotHost.Channel}/");
        reply.Card.ShouldContain(KubeTestCluster.Billing);
        Image(cluster).ShouldBe(KubeTestCluster.Images[1]);
        var line = await host.BotFramework.WaitForAsync(c => c.Path == $"/connector/v3/conversations/{TeamsBotHost.AuditConversation}/activities");
        line.Json!["text"]!.GetValue<string>().ShouldContain($"rollout undo {KubeTestCluster.Billing}");
        line.Json["text"]!.GetValue<string>().ShouldContain($"(teams:{TeamsBotHost.Alice})");
    }

    [Fact]
    public async Task ApprovalButton_AsActionExecute_RunsOnce_AndAnswersInTheInvokeResponse()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await StartAsync(cluster, production: true);
        var ask = host.Message($"scale {KubeTestCluster.Billing} 0");
        await host.PostAsync(ask);
        var card = await host.BotFramework.WaitForAsync(c => c.Card.Contains("Action.Execute", StringComparison.Ordinal));
        card.Card.ShouldContain("approve ");
        var command = card.ApproveCommand();
        Replicas(cluster).ShouldBe(3, "nothing runs before the approval");

        var first = await host.InvokeAsync(command, TeamsBotHost.Bob, "act-1");
        var second = await host.InvokeAsync(command, TeamsBotHost.Bob, "act-1");

        first["statusCode"]!.GetValue<int>().ShouldBe(200);
        first["type"]!.GetValue<string>().ShouldBe("application/vnd.microsoft.card.adaptive");
        first["value"]!.ToJsonString().ShouldContain("bob clicked");
        second["value"]!.ToJsonString().ShouldContain("already used");
        Replicas(cluster).ShouldBe(0);
        cluster.Server.Calls.Count(c => c.Verb == "patch" && c.RbacResource == "deployments/scale").ShouldBe(1);
        await host.BotFramework.WaitForAsync(c => c.Method == "PUT" && c.Path.EndsWith("/activities/act-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApprovalButton_AsActionSubmit_RunsOnce_AndUpdatesTheCard()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await StartAsync(cluster, production: true);
        await host.PostAsync(host.Message($"scale {KubeTestCluster.Billing} 0"));
        var command = (await host.BotFramework.WaitForAsync(c => c.Card.Contains("Action.Execute", StringComparison.Ordinal))).ApproveCommand();

        for (var i = 0; i < 2; i++)
        {
            var submit = host.Message(string.Empty, user: TeamsBotHost.Bob, mention: false);
            submit["replyToId"] = "act-1";
            submit["value"] = new JsonObject { ["command"] = command };
            (await host.PostAsync(submit)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var update = await host.BotFramework.WaitForAsync(c => c.Method == "PUT" && c.Path.EndsWith("/activities/act-1", StringComparison.Ordinal));
        update.Card.ShouldContain("bob clicked");
        await Task.Delay(300);
        Replicas(cluster).ShouldBe(0);
        cluster.Server.Calls.Count(c => c.Verb == "patch" && c.RbacResource == "deployments/scale").ShouldBe(1);
    }
}
