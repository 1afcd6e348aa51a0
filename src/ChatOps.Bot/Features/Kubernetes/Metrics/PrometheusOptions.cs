namespace ChatOps.Bot.Features.Kubernetes.Metrics;

/// <summary>The Prometheus servers <c>metrics</c> reads from, bound from <c>ChatOps:Prometheus</c>.</summary>
public sealed class PrometheusOptions
{
    public const string SectionName = "ChatOps";

    [Description("Prometheus servers `metrics` reads from, by name; a cluster uses the one listing it in `Clusters`, else the default, else the only one")]
    public Dictionary<string, PrometheusServer> Prometheus { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class PrometheusServer
{
    [Description("the HTTP API's base URL, e.g. `http://prometheus:9090`")]
    public string Url { get; set; } = string.Empty;

    [Description("basic-authentication user; empty sends none")]
    public string User { get; set; } = string.Empty;

    [Description("basic-authentication password")]
    public string Password { get; set; } = string.Empty;

    [Description("sent as `Authorization: Bearer …`; takes precedence over User and Password")]
    public string BearerToken { get; set; } = string.Empty;

    [Description("the clusters (`ChatOps:Clusters` names) whose metrics this server holds")]
    public List<string> Clusters { get; set; } = [];

    [Description("the server used for a cluster no server lists; a single configured one is the default anyway")]
    public bool Default { get; set; }

    [Description("how long one range query may take before the command fails naming the server (1 s – 5 min)")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Description("the most points per series a range query asks for (10–1000); the step is chosen to stay under it")]
    public int MaxPoints { get; set; } = 120;

    [Description("the PromQL of each series")]
    public MetricQueries Queries { get; set; } = new();
}

/// <summary>
/// PromQL templates. Placeholders: <c>$selector</c> (<c>namespace="…",pod=~"…"</c>, the deployment's pods),
/// <c>$namespace</c> and <c>$deployment</c> (escaped for a PromQL string), <c>$rate</c> (a rate window fit for the step).
/// </summary>
public sealed class MetricQueries
{
    [Description("CPU in cores; default: cAdvisor's `container_cpu_usage_seconds_total`; empty: not shown")]
    public string Cpu { get; set; } = """sum(rate(container_cpu_usage_seconds_total{$selector,container!="",container!="POD"}[$rate]))""";

    [Description("memory in bytes; default: cAdvisor's `container_memory_working_set_bytes`; empty: not shown")]
    public string Memory { get; set; } = """sum(container_memory_working_set_bytes{$selector,container!="",container!="POD"})""";

    [Description("container restarts; default: kube-state-metrics' `kube_pod_container_status_restarts_total`; empty: not shown")]
    public string Restarts { get; set; } = """sum(kube_pod_container_status_restarts_total{$selector})""";

    [Description("requests per second, e.g. `sum(rate(http_requests_total{$selector}[$rate]))`; empty: not shown")]
    public string RequestRate { get; set; } = string.Empty;

    [Description("the share of failed requests (0–1), e.g. 5xx over all; empty: not shown")]
    public string ErrorRatio { get; set; } = string.Empty;

    /// <summary>The configured series, in the order they are drawn.</summary>
    public IEnumerable<MetricDefinition> Defined() =>
        new MetricDefinition[]
        {
            new("cpu", nameof(Cpu), Cpu, MetricUnit.Cores),
            new("memory", nameof(Memory), Memory, MetricUnit.Bytes),
            new("restarts", nameof(Restarts), Restarts, MetricUnit.Count),
            new("requests", nameof(RequestRate), RequestRate, MetricUnit.PerSecond),
            new("errors", nameof(ErrorRatio), ErrorRatio, MetricUnit.Ratio),
        }.Where(d => d.Query.Length > 0);
}

public enum MetricUnit
{
    Cores,
    Bytes,
    Count,
    PerSecond,
    Ratio,
}

/// <summary>One series: its short name in the answer, the configuration key of its query, the query and its unit.</summary>
public sealed record MetricDefinition(string Name, string Key, string Query, MetricUnit Unit);
