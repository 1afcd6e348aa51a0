using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>The standalone server's <c>--speed</c>: simulated time and its timers run N times faster than the wall clock.</summary>
public sealed class ScaledClockTests
{
    [Fact]
    public async Task SimulatedTime_AndTimers_RunSpeedTimesFaster()
    {
        var clock = new ScaledClock(600);
        var start = clock.GetUtcNow();
        var fired = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var wall = System.Diagnostics.Stopwatch.StartNew();

        // Ten simulated minutes are one real second at 600x.
        await using var timer = clock.CreateTimer(_ => fired.TrySetResult(clock.GetUtcNow()), null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        var at = await fired.Task.WaitAsync(TimeSpan.FromSeconds(20));

        wall.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        (at - start).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(9.9));
        Should.Throw<ArgumentOutOfRangeException>(() => new ScaledClock(0));
    }
}
