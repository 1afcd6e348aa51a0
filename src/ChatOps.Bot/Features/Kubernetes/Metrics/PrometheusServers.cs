namespace ChatOps.Bot.Features.Kubernetes.Metrics;

/// <summary>Which Prometheus holds a cluster's metrics: the one listing it, else the default, else the only one.</summary>
public static class PrometheusServers
{
    public static string? For(PrometheusOptions options, string cluster)
    {
        var servers = options.Prometheus;
        return servers.FirstOrDefault(s => s.Value.Clusters.Contains(cluster, StringComparer.OrdinalIgnoreCase)).Key
            ?? servers.FirstOrDefault(s => s.Value.Default).Key
            ?? (servers.Count == 1 ? servers.Keys.First() : null);
    }
}
