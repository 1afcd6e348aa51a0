namespace ChatOps.Bot.Features.Kubernetes.Metrics;

/// <summary><c>metrics</c>: a deployment's graphs from Prometheus, read-only (issue 14).</summary>
public static class MetricsGrammar
{
    public static CommandSpec Metrics() => new(["metrics"], "Chart a deployment's CPU, memory and restarts (and request rate and errors where configured) from Prometheus, with a sparkline and min/avg/max per series.",
        a => new MetricsQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("deployment"),
            a.Duration("since") ?? MetricsQuery.DefaultSince))
    {
        Positionals = [KubernetesArgs.Deployment()],
        Flags = KubernetesArgs.ReadFlags(ArgSpec.Flag("since", ArgKind.Duration, "how far back (5m to 7d; default 1h)", "duration")),
        Role = Role.Viewer,
        Examples = ["metrics urbanos-service-billing -n urbanos", "metrics urbanos-service-billing --since 6h -n urbanos --cluster prod-eks"],
    };
}
