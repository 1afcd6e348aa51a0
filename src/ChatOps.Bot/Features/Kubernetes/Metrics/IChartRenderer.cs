namespace ChatOps.Bot.Features.Kubernetes.Metrics;

/// <summary>One panel of a chart: a series with its title and axis label.</summary>
public sealed record ChartPanel(string Title, string Unit, IReadOnlyList<MetricSeries> Series);

/// <summary>Draws panels, one above the other on a shared time axis, as a PNG.</summary>
public interface IChartRenderer
{
    byte[] RenderPng(string title, IReadOnlyList<ChartPanel> panels, MetricRange range);
}
