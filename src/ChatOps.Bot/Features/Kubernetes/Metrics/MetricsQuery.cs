using FluentValidation;

namespace ChatOps.Bot.Features.Kubernetes.Metrics;

/// <summary><c>metrics &lt;deployment&gt; [--since 1h]</c>: CPU, memory, restarts (and what else is configured) from Prometheus.</summary>
public sealed record MetricsQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name, TimeSpan Since)
    : IKubernetesRequest
{
    public static readonly TimeSpan DefaultSince = TimeSpan.FromHours(1);

    public static readonly TimeSpan LongestSince = TimeSpan.FromDays(7);

    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed class MetricsQueryValidator : KubernetesRequestValidator<MetricsQuery>
{
    public MetricsQueryValidator(IOptionsMonitor<TargetOptions> targets, IOptionsMonitor<PrometheusOptions> prometheus)
        : base(targets)
    {
        // A deployment's name is a DNS label (its pods' names append to it), stricter than the subdomain the base allows.
        RuleFor(r => r.Name).Must(Parsing.Names.IsDns1123Label)
            .WithMessage(r => $"'{r.Name}' is not a deployment name (lower-case letters, digits and '-', at most 63)");
        RuleFor(r => r.Since).Must(s => s >= TimeSpan.FromMinutes(5) && s <= MetricsQuery.LongestSince)
            .WithMessage(r => $"--since {Parsing.Durations.Format(r.Since)} must be between 5m and 7d");
        RuleFor(r => r.Cluster).Must(c => PrometheusServers.For(prometheus.CurrentValue, c) is not null)
            .WithMessage(r => $"no Prometheus is configured for cluster {r.Cluster} (set ChatOps:Prometheus:<name>:Url and list the cluster in its Clusters)")
            .WithErrorCode(ValidationCodes.NotConfigured)
            .When(r => targets.CurrentValue.Clusters.ContainsKey(r.Cluster));
    }
}
