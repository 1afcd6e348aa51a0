namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// Completes <c>--cluster</c> (the one marked Default, or the only one configured) and <c>--namespace</c> (the
/// cluster's DefaultNamespace) for the Kubernetes commands, so the canonical command names both.
/// </summary>
public sealed class KubernetesDefaults(IOptionsMonitor<TargetOptions> targets) : IArgumentDefaults
{
    public void Complete(CommandSpec spec, IDictionary<string, object> values)
    {
        if (!KubernetesGrammar.Owns(spec))
        {
            return;
        }

        var clusters = targets.CurrentValue.Clusters;
        if (!values.ContainsKey(KubernetesArgs.ClusterFlag))
        {
            var fallback = clusters.Count == 1 ? clusters.Keys.First() : clusters.FirstOrDefault(c => c.Value.Default).Key;
            if (fallback is null)
            {
                return;
            }

            values[KubernetesArgs.ClusterFlag] = fallback;
        }

        if (!values.ContainsKey(KubernetesArgs.NamespaceFlag)
            && clusters.TryGetValue((string)values[KubernetesArgs.ClusterFlag], out var cluster))
        {
            values[KubernetesArgs.NamespaceFlag] = cluster.DefaultNamespace;
        }
    }
}
