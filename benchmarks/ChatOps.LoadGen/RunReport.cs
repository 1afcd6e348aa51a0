using System.Globalization;

namespace ChatOps.LoadGen;

/// <summary>
/// What one run did. Latency counts from each request's scheduled send time, so a stall delays nothing behind it
/// unmeasured (no coordinated omission); every HTTP answer, 2xx or not, is in the percentiles.
/// </summary>
public sealed record RunReport(
    string Name,
    double OfferedRate,
    long Scheduled,
    long Succeeded,
    long NonSuccess,
    long TimedOut,
    long Failed,
    long Dropped,
    TimeSpan Elapsed,
    LatencySummary Latency,
    LatencySummary SendLag)
{
    public long Answered => Succeeded + NonSuccess;

    /// <summary>Non-2xx answers, timeouts, socket failures and requests dropped over the outstanding cap.</summary>
    public long Errors => NonSuccess + TimedOut + Failed + Dropped;

    /// <summary>Answers per second from the first scheduled send to the last answer (at least the run's duration).</summary>
    public double AchievedRate => Elapsed > TimeSpan.Zero ? Answered / Elapsed.TotalSeconds : 0;

    /// <summary>
    /// Tab-separated: RESULT name offered achieved p50 p99 p90 p99.9 max scheduled answered errors (latencies in ms).
    /// The first five fields after RESULT keep the order of the wrk-based lines that docs/performance.md tabulates.
    /// </summary>
    public string ResultLine() => string.Join('\t',
        "RESULT", Name, Format(OfferedRate, "0.##"), Format(AchievedRate, "F1"),
        Ms(Latency.Percentile(50)), Ms(Latency.Percentile(99)), Ms(Latency.Percentile(90)), Ms(Latency.Percentile(99.9)),
        Ms(Latency.Max), Format(Scheduled, "D"), Format(Answered, "D"), Format(Errors, "D"));

    public IEnumerable<string> HumanLines()
    {
        yield return string.Create(CultureInfo.InvariantCulture,
            $"scheduled {Scheduled} at {OfferedRate:0.##} req/s; answered {Answered} (2xx {Succeeded}, other {NonSuccess}); timeouts {TimedOut}, socket errors {Failed}, dropped over the outstanding cap {Dropped}");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"achieved {AchievedRate:F1} req/s over {Elapsed.TotalSeconds:F2} s; latency from scheduled send (ms): p50 {Ms(Latency.Percentile(50))}  p90 {Ms(Latency.Percentile(90))}  p99 {Ms(Latency.Percentile(99))}  p99.9 {Ms(Latency.Percentile(99.9))}  max {Ms(Latency.Max)}");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"generator's own send lag (ms): p50 {Ms(SendLag.Percentile(50))}  p99 {Ms(SendLag.Percentile(99))}  max {Ms(SendLag.Max)}");
    }

    private static string Ms(TimeSpan value) => Format(value.TotalMilliseconds, "F2");

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Format(long value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
