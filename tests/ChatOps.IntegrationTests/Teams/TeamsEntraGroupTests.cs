using System.Net;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Kubernetes;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>
/// Entra groups end to end: signed Teams activities, the pipeline, and the Graph adapter against a loopback Entra
/// token endpoint and Graph (<see cref="FakeGraph"/>). A user holds a role only through a <c>teams-group:</c>
/// binding, and an approval rule <c>From: teams-group:…</c> counts a member's vote and refuses a non-member's.
/// </summary>
public sealed class TeamsEntraGroupTests
{
    private const string Ops = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private const string Dave = "aad-dave";
    private const string Erin = "aad-erin";
    private const string Rule = "prod-scale-by-oncall";

    private static Task<TeamsBotHost> StartAsync(FakeGraph graph, KubeTestCluster? cluster = null) => TeamsBotHost.StartAsync(s =>
    {
        graph.Configure(s);
        s["ChatOps:Roles:Bindings:13:Subject"] = $"teams-group:{Ops}";
        s["ChatOps:Roles:Bindings:13:Role"] = "operator";
        if (cluster is not null)
        {
            s["ChatOps:Clusters:prod-eks:Kubeconfig"] = cluster.Kubeconfig;
            s["ChatOps:Clusters:prod-eks:Production"] = "true";
            s["ChatOps:Clusters:prod-eks:DefaultNamespace"] = KubeTestCluster.Ns;
            s["ChatOps:Policies:Approvals:1:Name"] = Rule;
            s["ChatOps:Policies:Approvals:1:Commands:0"] = "scale";
            s["ChatOps:Policies:Approvals:1:From:0"] = $"teams-group:{Ops}";
        }
    });

    [Fact]
    public async Task ApprovalRuleFromAnEntraGroup_RefusesANonMembersVote_AndRunsOnAMembersVote()
    {
        await using var graph = await FakeGraph.StartAsync();
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await StartAsync(graph, cluster);
        graph.Members[Dave] = [Ops];
        graph.Members[TeamsBotHost.Alice] = [];
        graph.Members[TeamsBotHost.Bob] = ["00000000-0000-0000-0000-000000000001"];

        var whoami = await SayAsync(host, "whoami", Dave);
        whoami.ShouldContain($"operator everywhere (through teams-group:{Ops})");

        await host.PostAsync(host.Message($"scale {KubeTestCluster.Billing} 0"));
        var card = await host.BotFramework.WaitForAsync(c => c.Card.Contains("Action.Execute", StringComparison.Ordinal));
        var approve = card.ApproveCommand();
        Text(card.Json!).ShouldContain(Rule);

        var refused = await SayAsync(host, approve, TeamsBotHost.Bob);
        refused.ShouldContain($"refused: approval rule '{Rule}' (teams-group:{Ops})");
        refused.ShouldContain($"teams:{TeamsBotHost.Bob} is not among them; the vote was not counted");
        Replicas(cluster).ShouldBe(3);

        await SayAsync(host, approve, Dave);
        Replicas(cluster).ShouldBe(0);

        graph.TokenRequests.Count.ShouldBe(1, "one app token serves every membership check");
        graph.MembershipChecks.ShouldAllBe(c => c.Authorization == "Bearer graph-access-1");
        graph.MembershipChecks.ShouldContain(c => c.Path == $"/v1.0/users/{Dave}/checkMemberGroups" && c.Body.Contains(Ops, StringComparison.Ordinal));
        host.Logs.Lines.ShouldNotContain(l => l.Message.Contains(FakeGraph.ClientSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttling_IsWaitedOut_UnknownUsersHaveNoGroups_AndAFailedLookupGrantsNothingAndIsNotCached()
    {
        await using var graph = await FakeGraph.StartAsync();
        await using var host = await StartAsync(graph);
        graph.Members[Dave] = [Ops];
        graph.Members[Erin] = [Ops];

        graph.Throttle(1);
        (await SayAsync(host, "whoami", Dave)).ShouldContain($"through teams-group:{Ops}");
        graph.MembershipChecks.Count.ShouldBe(2, "the 429 was retried after its Retry-After");

        (await SayAsync(host, "whoami", "aad-nobody")).ShouldNotContain("teams-group:");

        graph.Failing = true;
        (await SayAsync(host, "whoami", Erin)).ShouldNotContain($"teams-group:{Ops}");
        host.Logs.Lines.ShouldContain(l => l.Message.Contains($"Teams user {Erin} could not be read", StringComparison.Ordinal));

        graph.Failing = false;
        (await SayAsync(host, "whoami", Erin)).ShouldContain($"through teams-group:{Ops}");
        (await SayAsync(host, "whoami", Dave)).ShouldContain($"through teams-group:{Ops}");
        graph.MembershipChecks.Count(c => c.Path.Contains(Dave, StringComparison.Ordinal)).ShouldBe(2, "Dave's answer was cached");
        host.Logs.Lines.ShouldNotContain(l => l.Message.Contains(FakeGraph.ClientSecret, StringComparison.Ordinal));
    }

    /// <summary>Sends <paramref name="text"/> as <paramref name="user"/> and returns all text of the bot's reply to it.</summary>
    private static async Task<string> SayAsync(TeamsBotHost host, string text, string user)
    {
        var message = host.Message(text, user);
        (await host.PostAsync(message)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = message["id"]!.GetValue<string>();
        var reply = await host.BotFramework.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith($"/activities/{id}", StringComparison.Ordinal));
        return Text(reply.Json!);
    }

    private static string Text(JsonNode node) => node switch
    {
        JsonObject o => string.Join(' ', o.Select(p => p.Value is null ? string.Empty : Text(p.Value))),
        JsonArray a => string.Join(' ', a.Select(n => n is null ? string.Empty : Text(n))),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => string.Empty,
    };

    private static long Replicas(KubeTestCluster cluster) =>
        long.Parse(cluster.DeploymentObject()["spec"]!["replicas"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
