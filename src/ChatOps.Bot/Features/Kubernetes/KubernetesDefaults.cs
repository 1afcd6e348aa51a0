using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Parsing;
using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// Completes <c>--cluster</c> (the one marked Default, or the only one configured) and <c>--namespace</c> (the
/// cluster's DefaultNamespace) for the Kubernetes commands, so the canonical command names both.
/// </summary>
public sealed class KubernetesDefaults(IOptionsMonitor<TargetOptions> targets) : IArgumentDefaults
{
    public void Complete(CommandSpec spec, IDictionary<string, object> values)
    {
        if (!KubernetesCommands.Owns(spec))
        {
            return;
        }

        var clusters = targets.CurrentValue.Clusters;
        if (!values.ContainsKey(KubernetesCommands.ClusterFlag))
        {
            var fallback = clusters.Count == 1 ? clusters.Keys.First() : clusters.FirstOrDefault(c => c.Value.Default).Key;
            if (fallback is null)
            {
                return;
            }

            values[KubernetesCommands.ClusterFlag] = fallback;
        }

        if (!values.ContainsKey(KubernetesCommands.NamespaceFlag)
            && clusters.TryGetValue((string)values[KubernetesCommands.ClusterFlag], out var cluster))
        {
            values[KubernetesCommands.NamespaceFlag] = cluster.DefaultNamespace;
        }
    }
}
