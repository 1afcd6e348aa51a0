namespace ChatOps.Bot.Features.Kubernetes.Metrics;

/// <summary>Values with their unit, as the answer's text shows them.</summary>
public static class MetricsText
{
    private static readonly string[] ByteUnits = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(double value, MetricUnit unit) => unit switch
    {
        MetricUnit.Cores => $"{Number(value)} cores",
        MetricUnit.Bytes => Bytes(value),
        MetricUnit.PerSecond => $"{Number(value)}/s",
        MetricUnit.Ratio => $"{Number(value * 100)}%",
        _ => Number(value),
    };

    /// <summary>The axis label of a unit.</summary>
    public static string AxisLabel(MetricUnit unit) => unit switch
    {
        MetricUnit.Cores => "cores",
        MetricUnit.Bytes => "MiB",
        MetricUnit.PerSecond => "per second",
        MetricUnit.Ratio => "%",
        _ => "count",
    };

    /// <summary>The value as the chart draws it (bytes in MiB, ratios in percent), so the axis reads like the text.</summary>
    public static double Scaled(double value, MetricUnit unit) => unit switch
    {
        MetricUnit.Bytes => value / (1024 * 1024),
        MetricUnit.Ratio => value * 100,
        _ => value,
    };

    public static string Bytes(double value)
    {
        var i = 0;
        while (Math.Abs(value) >= 1024 && i < ByteUnits.Length - 1)
        {
            value /= 1024;
            i++;
        }

        return $"{Number(value)} {ByteUnits[i]}";
    }

    /// <summary>Three significant digits at most, no exponent, invariant culture.</summary>
    public static string Number(double value)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        return Math.Round(value, Math.Min(digits, 6)).ToString("0.######", CultureInfo.InvariantCulture);
    }
}
