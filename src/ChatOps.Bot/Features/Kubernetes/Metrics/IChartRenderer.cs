namespace ChatOps.Bot.Features.Kubernetes.Metrics;

/// <summary>One panel of a chart: a series with its title and axis label.</summary>
public sealed record ChartPanel(string Title, string Unit, IReadOnlyList<MetricSeries> Series);

/// <summary>How a chart is drawn: full size for files, or compact for clients that must fit it inside a message.</summary>
public enum ChartVariant
{
    Full,

    /// <summary>Smaller, with few colours, so that it compresses to a size a Teams card can carry inline.</summary>
    Compact,
}

/// <summary>Draws panels, one above the other on a shared time axis, as a PNG.</summary>
public interface IChartRenderer
{
    byte[] RenderPng(string title, IReadOnlyList<ChartPanel> panels, MetricRange range, ChartVariant variant = ChartVariant.Full);
}
