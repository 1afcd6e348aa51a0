namespace ChatOps.SimCluster;

/// <summary>
/// Real time running <c>speed</c> times faster, from the moment of construction: the standalone server's clock, so
/// a ten-minute progress deadline can be watched in one minute at <c>--speed 10</c>. Timers fire after the scaled
/// wall-clock interval.
/// </summary>
public sealed class ScaledClock : TimeProvider
{
    private readonly double _speed;
    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp;

    public ScaledClock(double speed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        _speed = speed;
        _start = System.GetUtcNow();
        _startTimestamp = System.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow() => _start + (System.GetElapsedTime(_startTimestamp) * _speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)), this);

    private TimeSpan ToReal(TimeSpan simulated) => simulated == Timeout.InfiniteTimeSpan ? simulated : simulated / _speed;

    private sealed class ScaledTimer(ITimer inner, ScaledClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.ToReal(dueTime), clock.ToReal(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
