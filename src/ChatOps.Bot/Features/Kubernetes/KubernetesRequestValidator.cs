using FluentValidation;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// Rules every Kubernetes request shares, checked before authorization and before any API call: the cluster is
/// configured, the namespace is one the cluster allows, and names are DNS-1123.
/// </summary>
public abstract class KubernetesRequestValidator<T> : AbstractValidator<T>
    where T : IKubernetesRequest
{
    protected KubernetesRequestValidator(IOptionsMonitor<TargetOptions> targets)
    {
        RuleFor(r => r.Cluster).Custom((cluster, ctx) =>
        {
            var clusters = targets.CurrentValue.Clusters;
            if (cluster.Length == 0)
            {
                ctx.AddFailure($"name a cluster with --cluster; there is no default cluster ({Known(clusters)})");
            }
            else if (!clusters.ContainsKey(cluster))
            {
                ctx.AddFailure($"unknown cluster '{cluster}' ({Known(clusters)})");
            }
        });
        RuleFor(r => r.Namespace).Custom((ns, ctx) =>
        {
            if (!Names.IsDns1123Label(ns))
            {
                ctx.AddFailure($"'{ns}' is not a namespace name");
                return;
            }

            // List<string>.Contains compares ordinally and, unlike LINQ's Contains with a comparer, enumerates nothing.
            if (targets.CurrentValue.Clusters.TryGetValue(ctx.InstanceToValidate.Cluster, out var c)
                && c.Namespaces.Count > 0 && !c.Namespaces.Contains(ns))
            {
                ctx.AddFailure($"namespace '{ns}' is not allowed on cluster {ctx.InstanceToValidate.Cluster} (allowed: {string.Join(", ", c.Namespaces)})");
            }
        });
        RuleFor(r => r.Name).Must(Names.IsDns1123Subdomain).WithMessage(r => $"'{r.Name}' is not a valid name (lower-case letters, digits, '-' and '.')")
            .When(r => r is not INamespaceWideRequest);
    }

    /// <summary>Made only for the error: every Kubernetes command passes this rule.</summary>
    private static string Known(Dictionary<string, ClusterOptions> clusters) =>
        clusters.Count == 0 ? "none is configured" : $"configured: {string.Join(", ", clusters.Keys.Order(StringComparer.Ordinal))}";
}
