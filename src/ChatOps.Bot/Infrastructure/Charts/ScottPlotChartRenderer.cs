using ChatOps.Bot.Features.Kubernetes.Metrics;
using ScottPlot;
using ScottPlot.TickGenerators;
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

    public const int CompactWidth = 600;

    public const int CompactPanelHeight = 150;

    public const int CompactTitleHeight = 24;

    /// <summary>
    /// Values per colour channel in a compact chart. Skia writes no palette PNGs, so the colours are cut instead: with
    /// 4³ colours the antialiased edges and text repeat exactly and deflate to about a fifth (docs/performance.md).
    /// </summary>
    public const int CompactLevels = 4;

    private sealed record Layout(int Width, int PanelHeight, int TitleHeight, float TitleSize, float PanelTitleSize, float LabelSize);

    private static readonly Layout FullLayout = new(Width, PanelHeight, TitleHeight, 18, 14, 12);

    private static readonly Layout CompactLayout = new(CompactWidth, CompactPanelHeight, CompactTitleHeight, 15, 12, 11);

    public byte[] RenderPng(string title, IReadOnlyList<ChartPanel> panels, MetricRange range, ChartVariant variant = ChartVariant.Full)
    {
        var compact = variant == ChartVariant.Compact;
        var layout = compact ? CompactLayout : FullLayout;
        var height = layout.TitleHeight + (layout.PanelHeight * Math.Max(1, panels.Count));
        using var surface = SKSurface.Create(new SKImageInfo(layout.Width, height)) ?? throw new InvalidOperationException("Skia could not allocate the chart");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var font = new SKFont(SKTypeface.Default, layout.TitleSize))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            canvas.DrawText(title, 12, layout.TitleHeight * 2 / 3, SKTextAlign.Left, font, paint);
        }

        // A plot clears the whole canvas it is given, so each panel is drawn on its own surface and copied into its band.
        for (var i = 0; i < panels.Count; i++)
        {
            var plot = Panel(panels[i], range, layout, compact);
            using var band = SKSurface.Create(new SKImageInfo(layout.Width, layout.PanelHeight)) ?? throw new InvalidOperationException("Skia could not allocate the chart");
            plot.Render(band);
            using var drawn = band.Snapshot();
            canvas.DrawImage(drawn, 0, layout.TitleHeight + (i * layout.PanelHeight));
        }

        using var image = surface.Snapshot();
        return compact ? FewColours(image) : Encode(image);
    }

    private static byte[] Encode(SKImage image)
    {
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Opaque RGB with each channel cut to <see cref="CompactLevels"/> values, deflated at the highest level.</summary>
    private static byte[] FewColours(SKImage image)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgb888x, SKAlphaType.Opaque));
        if (!image.ReadPixels(bitmap.Info, bitmap.GetPixels(), bitmap.RowBytes, 0, 0))
        {
            throw new InvalidOperationException("Skia could not read the chart's pixels");
        }

        const int step = 255 / (CompactLevels - 1);
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((pixels[i] + (step / 2)) / step * step);
        }

        using var pixmap = bitmap.PeekPixels();
        using var png = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 9)) ?? throw new InvalidOperationException("Skia could not encode the chart");
        return png.ToArray();
    }

    private static Plot Panel(ChartPanel panel, MetricRange range, Layout layout, bool compact)
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

        var axis = plot.Axes.DateTimeTicksBottom();
        if (compact && axis.TickGenerator is DateTimeAutomatic ticks)
        {
            // Time of day alone (dates only past a day): the two-line date labels are a third of a compact chart's bytes.
            var format = range.End - range.Start > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : "HH:mm";
            ticks.LabelFormatter = at => at.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        }

        plot.Axes.SetLimitsX(range.Start.UtcDateTime.ToOADate(), range.End.UtcDateTime.ToOADate());
        plot.Title(panel.Title, layout.PanelTitleSize);
        plot.YLabel(panel.Unit, layout.LabelSize);
        return plot;
    }
}
