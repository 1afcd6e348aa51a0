namespace ChatOps.Bot.Features.Kubernetes.Metrics;

public sealed record MetricPoint(DateTimeOffset At, double Value);

/// <summary>One series a query returned; <see cref="Labels"/> is its label set as PromQL prints it (empty after <c>sum</c>).</summary>
public sealed record MetricSeries(string Labels, IReadOnlyList<MetricPoint> Points);

/// <summary>Range queries against one configured Prometheus server (issue 14).</summary>
public interface IMetricsSource
{
    /// <summary>Throws <see cref="MetricsUnavailableException"/> when the server cannot be reached or refuses the query.</summary>
    Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(string server, string query, MetricRange range, CancellationToken cancellationToken);
}

/// <summary>
/// Why a query gave nothing, as one line the user can act on. <see cref="QueryRejected"/> means the server answered
/// and refused the query (a bad template), not that it was down.
/// </summary>
public sealed class MetricsUnavailableException(string message, bool queryRejected = false) : Exception(message)
{
    public bool QueryRejected { get; } = queryRejected;
}
