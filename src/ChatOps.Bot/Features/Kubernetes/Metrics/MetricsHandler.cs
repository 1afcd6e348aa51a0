using Severity = ChatOps.Bot.Core.Severity;

namespace ChatOps.Bot.Features.Kubernetes.Metrics;

public sealed class MetricsHandler(IMetricsSource source, IChartRenderer charts, IOptionsMonitor<PrometheusOptions> options, TimeProvider clock)
    : IRequestHandler<MetricsQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(MetricsQuery request, CancellationToken cancellationToken)
    {
        // The validator refused a cluster without a server; a reload in between leaves nothing to ask.
        if (PrometheusServers.For(options.CurrentValue, request.Cluster) is not { } name)
        {
            return OperationResult.Failure($"no Prometheus is configured for cluster {request.Cluster}");
        }

        var server = options.CurrentValue.Prometheus[name];
        var range = MetricRange.Ending(clock.GetUtcNow(), request.Since, server.MaxPoints);
        var results = new List<(MetricDefinition Definition, IReadOnlyList<MetricSeries> Series)>();
        foreach (var definition in server.Queries.Defined())
        {
            var query = PromQl.Expand(definition.Query, request.Namespace, request.Name, range.RateWindow);
            try
            {
                results.Add((definition, await source.QueryRangeAsync(name, query, range, cancellationToken)));
            }
            catch (MetricsUnavailableException ex) when (ex.QueryRejected)
            {
                return OperationResult.Failure($"Prometheus {name} rejected the {definition.Name} query (ChatOps:Prometheus:{name}:Queries:{definition.Key}): {ex.Message}");
            }
            catch (MetricsUnavailableException ex)
            {
                return OperationResult.Failure($"Prometheus {name} is unavailable: {ex.Message}");
            }
        }

        var what = $"deployment {request.Name} in {request.Namespace} on cluster {request.Cluster}, last {Parsing.Durations.Format(request.Since)}";
        if (results.All(r => r.Series.All(s => s.Points.Count == 0)))
        {
            return new OperationResult(Outcome.Succeeded, $"no metrics for {what} in Prometheus {name} (are its pods scraped, and is the deployment name right?)")
            {
                Severity = Severity.Warning,
            };
        }

        return Answer(request, name, what, range, results);
    }

    private OperationResult Answer(
        MetricsQuery request, string server, string what, MetricRange range, List<(MetricDefinition Definition, IReadOnlyList<MetricSeries> Series)> results)
    {
        var lines = new List<string> { $"metrics of {what} (Prometheus {server}, step {Parsing.Durations.Format(range.Step)})" };
        var width = results.Max(r => r.Definition.Name.Length);
        lines.AddRange(results.Select(r => SummaryLine(r.Definition, r.Series, width)));
        var title = $"{request.Name} ({request.Namespace}, {request.Cluster}), last {Parsing.Durations.Format(request.Since)}";
        var panels = results.Select(r => new ChartPanel(r.Definition.Name, MetricsText.AxisLabel(r.Definition.Unit), Scaled(r.Series, r.Definition.Unit))).ToList();
        var png = charts.RenderPng(title, panels, range);
        return OperationResult.Success(string.Join('\n', lines)) with
        {
            Title = $"metrics of {request.Name} ({request.Namespace}, {request.Cluster})",
            Images = [new ResultImage($"metrics-{request.Name}.png", "image/png", png, $"chart of {string.Join(", ", panels.Select(p => p.Title))} for {what}")
            {
                Compact = new(() => charts.RenderPng(title, panels, range, ChartVariant.Compact)),
            }],
        };
    }

    /// <summary><c>cpu  ▁▂▅█▆  min 0.1 cores  avg 0.3 cores  max 0.5 cores</c>; several series (no <c>sum</c>) are summarized together.</summary>
    public static string SummaryLine(MetricDefinition definition, IReadOnlyList<MetricSeries> series, int width)
    {
        var values = series.SelectMany(s => s.Points).Select(p => p.Value).Where(double.IsFinite).ToList();
        var name = definition.Name.PadRight(width);
        if (values.Count == 0)
        {
            return $"{name}  no data";
        }

        var line = series.Count == 1 ? series[0].Points.Select(p => p.Value).Where(double.IsFinite).ToList() : values;
        var f = (double v) => MetricsText.Format(v, definition.Unit);
        var many = series.Count > 1 ? $" ({series.Count} series)" : string.Empty;
        return $"{name}  {Sparkline.Of(line)}  min {f(values.Min())}  avg {f(values.Average())}  max {f(values.Max())}{many}";
    }

    private static List<MetricSeries> Scaled(IReadOnlyList<MetricSeries> series, MetricUnit unit) =>
        [.. series.Select(s => s with { Points = [.. s.Points.Select(p => p with { Value = MetricsText.Scaled(p.Value, unit) })] })];
}
