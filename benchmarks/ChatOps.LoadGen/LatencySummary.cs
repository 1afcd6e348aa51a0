namespace ChatOps.LoadGen;

/// <summary>Percentiles of a set of latencies, exact (a sorted array, not buckets), nearest-rank definition.</summary>
public sealed class LatencySummary
{
    private readonly TimeSpan[] _sorted;

    public LatencySummary(IEnumerable<TimeSpan> latencies)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        _sorted = [.. latencies];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public TimeSpan Max => Percentile(100);

    /// <summary>
    /// The smallest recorded value such that at least <paramref name="percent"/> % of all values are at or below it
    /// (nearest rank: never interpolates a latency nobody saw). Zero when nothing was recorded.
    /// </summary>
    public TimeSpan Percentile(double percent)
    {
        if (!double.IsFinite(percent) || percent <= 0 || percent > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "percentile must be in (0, 100]");
        }

        if (_sorted.Length == 0)
        {
            return TimeSpan.Zero;
        }

        // Rounded before Ceiling so that 99.9 % of 1,000 is rank 999, not 1,000 through floating-point noise.
        var rank = (long)Math.Ceiling(Math.Round(percent / 100 * _sorted.Length, 9));
        return _sorted[Math.Clamp(rank, 1, _sorted.Length) - 1];
    }
}
