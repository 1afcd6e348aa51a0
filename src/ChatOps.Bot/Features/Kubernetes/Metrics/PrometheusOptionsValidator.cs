namespace ChatOps.Bot.Features.Kubernetes.Metrics;

internal sealed class PrometheusOptionsValidator(IConfiguration configuration) : IValidateOptions<PrometheusOptions>
{
    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        var e = new OptionsErrors();
        e.EachElementBinds<PrometheusServer>(configuration, "ChatOps:Prometheus");
        foreach (var (key, p) in options.Prometheus)
        {
            var k = $"ChatOps:Prometheus:{key}";
            e.Check(Names.IsDns1123Subdomain(key), k, "a server name must be lower-case letters, digits, '-' and '.'");
            e.Check(p.Url.Length > 0, $"{k}:Url", "must be set");
            e.Url(p.Url, $"{k}:Url");

            e.Check(p.MaxPoints is >= 10 and <= 1000, $"{k}:MaxPoints", $"{p.MaxPoints} must be between 10 and 1000");
            e.RequestTimeout(p.RequestTimeout, $"{k}:RequestTimeout");
        }

        var defaults = options.Prometheus.Where(p => p.Value.Default).Select(p => p.Key).ToList();
        e.Check(defaults.Count <= 1, "ChatOps:Prometheus:*:Default", $"only one Prometheus may be the default, not {string.Join(", ", defaults)}");
        var claimed = options.Prometheus.SelectMany(p => p.Value.Clusters.Select(c => (Cluster: c, Server: p.Key)))
            .GroupBy(c => c.Cluster, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).ToList();
        foreach (var g in claimed)
        {
            e.Check(false, "ChatOps:Prometheus:*:Clusters", $"cluster {g.Key} is listed by more than one server ({string.Join(", ", g.Select(c => c.Server))})");
        }

        return e.Result;
    }
}
