namespace ChatOps.LoadGen;

/// <summary>
/// When each request is due: request i at t0 + i / rate, fixed before the run starts and never moved by the
/// answers to earlier requests (an open loop, as in wrk2). Offsets are whole TimeSpan ticks from t0.
/// </summary>
public sealed class OpenLoopSchedule
{
    public OpenLoopSchedule(double ratePerSecond, TimeSpan duration)
    {
        if (!double.IsFinite(ratePerSecond) || ratePerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "rate must be a positive number of requests per second");
        }

        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "duration must be positive");
        }

        Rate = ratePerSecond;
        Duration = duration;
        // Every request due strictly before the end of the run; the small epsilon keeps 3 s × 100/s at 300, not 299.
        Count = Math.Max(1, (long)Math.Ceiling(duration.Ticks * ratePerSecond / TimeSpan.TicksPerSecond - 1e-9));
    }

    public double Rate { get; }

    public TimeSpan Duration { get; }

    public long Count { get; }

    /// <summary>Offset from t0 at which request <paramref name="index"/> must be sent.</summary>
    public TimeSpan DueAt(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return TimeSpan.FromTicks((long)Math.Round(index * (TimeSpan.TicksPerSecond / Rate)));
    }
}
