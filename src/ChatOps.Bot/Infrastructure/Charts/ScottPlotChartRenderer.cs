using ChatOps.Bot.Features.Kubernetes.Metrics;
using ScottPlot;
using SkiaSharp;

namespace ChatOps.Bot.Infrastructure.Charts;

/// <summary>
/// ScottPlot 5 draws each panel into its own band of one Skia surface, sharing the time range, and Skia encodes the
/// PNG. Plot objects are not thread-safe: each call builds its own.
/// </summary>
public sealed class ScottPlotChartRenderer : IChartRenderer
{
    public const int Width = 900;

    public const int PanelHeight = 220;

    public const int TitleHeight = 36;

    public byte[] RenderPng(string title, IReadOnlyList<ChartPanel> panels, MetricRange range)
    {
        var height = TitleHeight + (PanelHeight * Math.Max(1, panels.Count));
        using var surface = SKSurface.Create(new SKImageInfo(Width, height)) ?? throw new InvalidOperationException("Skia could not allocate the chart");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var font = new SKFont(SKTypeface.Default, 18))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            canvas.DrawText(title, 12, 24, SKTextAlign.Left, font, paint);
        }

        // A plot clears the whole canvas it is given, so each panel is drawn on its own surface and copied into its band.
        for (var i = 0; i < panels.Count; i++)
        {
            var plot = Panel(panels[i], range);
            using var band = SKSurface.Create(new SKImageInfo(Width, PanelHeight)) ?? throw new InvalidOperationException("Skia could not allocate the chart");
            plot.Render(band);
            using var drawn = band.Snapshot();
            canvas.DrawImage(drawn, 0, TitleHeight + (i * PanelHeight));
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static Plot Panel(ChartPanel panel, MetricRange range)
    {
        var plot = new Plot();
        foreach (var series in panel.Series.Where(s => s.Points.Count > 0))
        {
            var xs = series.Points.Select(p => p.At.UtcDateTime.ToOADate()).ToArray();
            var ys = series.Points.Select(p => double.IsFinite(p.Value) ? p.Value : double.NaN).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.MarkerSize = 0;
            line.LineWidth = 2;
            if (series.Labels.Length > 0 && panel.Series.Count > 1)
            {
                line.LegendText = series.Labels;
            }
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.SetLimitsX(range.Start.UtcDateTime.ToOADate(), range.End.UtcDateTime.ToOADate());
        plot.Title(panel.Title, 14);
        plot.YLabel(panel.Unit, 12);
        return plot;
    }
}
