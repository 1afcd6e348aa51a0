using ChatOps.KubeApiServer;
using k8s;
using k8s.Models;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// Least privilege, proven: every API call the bot makes for every Kubernetes command is allowed by the
/// ClusterRole in manifests/rbac.yaml, and every rule of that role is used by some command.
/// </summary>
public sealed class KubernetesRbacTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Role_AllowsEveryCallTheBotMakes_AndNothingElse()
    {
        await using var c = await KubeTestCluster.StartAsync();
        var b = KubeTestCluster.Billing;

        // Every port method, hence every command (status, rollout status/history read the same way), dry runs too.
        await c.Bot.GetStatusAsync(c.Target, b, None);
        await c.Bot.ScaleAsync(c.Target, b, 4, dryRun: true, None);
        await c.Bot.ScaleAsync(c.Target, b, 4, dryRun: false, None);
        await c.Bot.SetHpaBoundsAsync(c.Target, b, 3, 12, dryRun: false, None);
        await c.Bot.UndoAsync(c.Target, b, null, dryRun: true, None);
        await c.Bot.UndoAsync(c.Target, b, 1, dryRun: false, None);
        await c.Bot.RestartAsync(c.Target, b, DateTimeOffset.UtcNow, dryRun: false, None);

        var rules = Rules();
        var calls = c.Server.Calls.Where(x => !x.IsDiscovery).Select(x => (x.Group, Resource: x.RbacResource, x.Verb)).Distinct().ToList();
        foreach (var call in calls)
        {
            rules.ShouldContain(call, $"manifests/rbac.yaml does not allow {call.Verb} {call.Resource} in group '{call.Group}'");
        }

        foreach (var rule in rules)
        {
            calls.ShouldContain(rule, $"manifests/rbac.yaml grants {rule.Verb} {rule.Resource} in group '{rule.Group}', which the bot never uses");
        }
    }

    private static List<(string Group, string Resource, string Verb)> Rules()
    {
        var path = Path.Combine(Support.BotProcess.RepositoryRoot, "manifests", "rbac.yaml");
        var role = KubernetesYaml.LoadAllFromString(File.ReadAllText(path)).OfType<V1ClusterRole>().Single();
        return role.Rules
            .SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.SelectMany(res => r.Verbs.Select(v => (g, res, v)))))
            .ToList();
    }
}
