namespace ChatOps.Bot.Features.Kubernetes.Metrics;

/// <summary>A series as one line of block characters, for clients that show no images.</summary>
public static class Sparkline
{
    public const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>At most <paramref name="width"/> characters: longer series are averaged into that many buckets.</summary>
    public static string Of(IReadOnlyList<double> values, int width = 40)
    {
        if (values.Count == 0)
        {
            return string.Empty;
        }

        var buckets = Bucket(values, width);
        var min = buckets.Min();
        var max = buckets.Max();
        var span = max - min;
        return new string([.. buckets.Select(v => span <= 0 ? Blocks[0] : Blocks[(int)Math.Round((v - min) / span * (Blocks.Length - 1))])]);
    }

    private static List<double> Bucket(IReadOnlyList<double> values, int width)
    {
        if (values.Count <= width)
        {
            return [.. values];
        }

        var buckets = new List<double>(width);
        for (var i = 0; i < width; i++)
        {
            var from = i * values.Count / width;
            var to = (i + 1) * values.Count / width;
            buckets.Add(Enumerable.Range(from, to - from).Average(j => values[j]));
        }

        return buckets;
    }
}
