using System.Threading.Channels;
using ChatOps.Bot.Core;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Tests.Core;

public sealed class PeriodicWorkTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    // Only a guard against a hang when the loop is broken; nothing is asserted about wall-clock time.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new();

    private readonly Channel<DateTimeOffset> _rounds = Channel.CreateUnbounded<DateTimeOffset>();

    private readonly CancellationTokenSource _stop = new();

    [Fact]
    public async Task RunAtStart_RunsOnceAtOnce_ThenOnceEachInterval()
    {
        var start = _clock.GetUtcNow();
        var work = Run(runAtStart: true);

        _rounds.Reader.TryRead(out var first).ShouldBeTrue();
        first.ShouldBe(start);
        _clock.Advance(Interval - TimeSpan.FromTicks(1));
        _rounds.Reader.TryRead(out _).ShouldBeFalse();

        _clock.Advance(TimeSpan.FromTicks(1));
        (await _rounds.Reader.ReadAsync().AsTask().WaitAsync(Hang)).ShouldBe(start + Interval);

        await _stop.CancelAsync();
        await work.WaitAsync(Hang);
    }

    [Fact]
    public async Task WithoutRunAtStart_TheFirstRoundWaitsOneInterval()
    {
        var start = _clock.GetUtcNow();
        var work = Run(runAtStart: false);

        _rounds.Reader.TryRead(out _).ShouldBeFalse();
        _clock.Advance(Interval);
        (await _rounds.Reader.ReadAsync().AsTask().WaitAsync(Hang)).ShouldBe(start + Interval);
        _clock.Advance(Interval);
        (await _rounds.Reader.ReadAsync().AsTask().WaitAsync(Hang)).ShouldBe(start + Interval + Interval);

        await _stop.CancelAsync();
        await work.WaitAsync(Hang);
    }

    [Fact]
    public async Task Stopping_DuringARound_EndsQuietly()
    {
        var work = PeriodicWork.RunAsync(_clock, Interval, runAtStart: true, ct => Task.Delay(Timeout.InfiniteTimeSpan, ct), _stop.Token);

        await _stop.CancelAsync();

        await work.WaitAsync(Hang);
        work.Status.ShouldBe(TaskStatus.RanToCompletion);
    }

    [Fact]
    public async Task ARoundsOwnFailure_IsNotSwallowed()
    {
        // Which failures are expected is the worker's to say; the loop hides only shutdown.
        var work = PeriodicWork.RunAsync(
            _clock, Interval, runAtStart: true, _ => throw new InvalidOperationException("store gone"), _stop.Token);

        (await Should.ThrowAsync<InvalidOperationException>(work.WaitAsync(Hang))).Message.ShouldBe("store gone");
    }

    public void Dispose() => _stop.Dispose();

    private Task Run(bool runAtStart) => PeriodicWork.RunAsync(_clock, Interval, runAtStart, _ =>
    {
        _rounds.Writer.TryWrite(_clock.GetUtcNow());
        return Task.CompletedTask;
    }, _stop.Token);
}
