using System.Text.Json.Nodes;
using ChatOps.Bot.Features.Audit;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Slack;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>Helpers shared by the fault tests: the answer to a slash command, wherever Slack would show it, and the audit.</summary>
public static class FaultBot
{
    private static int _responses;

    /// <summary>Cluster "local" on the Kubernetes test server, not production (no approvals in the way).</summary>
    public static void UseCluster(Dictionary<string, string?> s, KubeTestCluster cluster, string name = "local", bool production = false)
    {
        s[$"ChatOps:Clusters:{name}:Kubeconfig"] = cluster.Kubeconfig;
        s[$"ChatOps:Clusters:{name}:Production"] = production ? "true" : "false";
        s[$"ChatOps:Clusters:{name}:DefaultNamespace"] = KubeTestCluster.Ns;
    }

    /// <summary>The answer from the response body when it beat the ack budget, otherwise from response_url.</summary>
    public static async Task<string> AnswerAsync(SlackBotHost host, string text, string user = "U-ALICE") =>
        (await MessageAsync(host, text, user))["text"]!.GetValue<string>();

    /// <summary>Everything the answer shows (<see cref="SlackShown"/>): its tables and fields too.</summary>
    public static async Task<string> ShownAsync(SlackBotHost host, string text, string user = "U-ALICE") =>
        SlackShown.Of(await MessageAsync(host, text, user));

    private static async Task<JsonNode> MessageAsync(SlackBotHost host, string text, string user)
    {
        var responseId = $"f{Interlocked.Increment(ref _responses)}";
        var response = await host.CommandAsync(text, user: user, responseId: responseId);
        response.EnsureSuccessStatusCode();
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return message["text"]!.GetValue<string>().StartsWith("Working on", StringComparison.Ordinal)
            ? (await host.Slack.WaitForAsync($"response:{responseId}", timeout: TimeSpan.FromSeconds(60))).Json!
            : message;
    }

    /// <summary>The newest state of every request in the store.</summary>
    public static async Task<IReadOnlyList<AuditRecord>> RequestsAsync(SlackBotHost host) =>
        await host.Store.QueryAsync(new AuditQuery(Last: 10_000), CancellationToken.None);

    public static long Replicas(KubeTestCluster cluster) =>
        long.Parse(cluster.DeploymentObject()["spec"]!["replicas"]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    public static int Writes(KubeTestCluster cluster) => cluster.Server.Calls.Count(c => c.Verb is "patch" or "update" or "create" or "delete");
}
