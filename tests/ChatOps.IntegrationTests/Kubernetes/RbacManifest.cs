using ChatOps.SimCluster;
using k8s;
using k8s.Models;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>The ClusterRole in manifests/rbac.yaml as (group, resource, verb) rules, and the check of a call against it.</summary>
public static class RbacManifest
{
    public static IReadOnlyList<(string Group, string Resource, string Verb)> Rules { get; } = Load();

    /// <summary>The bot's calls (not kubectl's, not discovery) that the role does not allow.</summary>
    public static IReadOnlyList<string> Disallowed(IEnumerable<ApiCall> calls) => calls
        .Where(c => !c.IsDiscovery && !c.UserAgent.StartsWith("kubectl/", StringComparison.Ordinal))
        .Select(c => (c.Group, Resource: c.RbacResource, c.Verb))
        .Distinct()
        .Where(c => !Rules.Contains(c))
        .Select(c => $"{c.Verb} {c.Resource} in group '{c.Group}'")
        .ToList();

    private static List<(string Group, string Resource, string Verb)> Load()
    {
        var path = Path.Combine(Support.BotProcess.RepositoryRoot, "manifests", "rbac.yaml");
        var role = KubernetesYaml.LoadAllFromString(File.ReadAllText(path)).OfType<V1ClusterRole>().Single();
        return role.Rules
            .SelectMany(r => r.ApiGroups.SelectMany(g => r.Resources.SelectMany(res => r.Verbs.Select(v => (g, res, v)))))
            .ToList();
    }
}
