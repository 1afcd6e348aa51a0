namespace ChatOps.Bot.Features.Kubernetes.Metrics;

/// <summary>The window of a range query and its resolution.</summary>
public sealed record MetricRange(DateTimeOffset Start, DateTimeOffset End, TimeSpan Step)
{
    private static readonly TimeSpan[] NiceSteps =
    [
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1),
    ];

    /// <summary>Points Prometheus returns at most: one at the start and one per step up to the end.</summary>
    public int Points => (int)((End - Start).Ticks / Step.Ticks) + 1;

    /// <summary>Rate windows span at least two steps (and a minute), so a scrape missed between points leaves no hole.</summary>
    public TimeSpan RateWindow => Step * 2 > TimeSpan.FromMinutes(1) ? Step * 2 : TimeSpan.FromMinutes(1);

    /// <summary>The last <paramref name="since"/> up to <paramref name="end"/>, with the smallest round step that keeps at most <paramref name="maxPoints"/> points.</summary>
    public static MetricRange Ending(DateTimeOffset end, TimeSpan since, int maxPoints)
    {
        var start = end - since;
        var step = NiceSteps.FirstOrDefault(s => since.Ticks / s.Ticks + 1 <= maxPoints);
        if (step == default)
        {
            step = TimeSpan.FromSeconds(Math.Ceiling(since.TotalSeconds / (maxPoints - 1)));
        }

        return new(start, end, step);
    }
}
