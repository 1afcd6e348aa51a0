using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells the test when product code starts a timer, so a test moves time
/// exactly to that timer instead of sleeping on the wall clock (FakeTimeProvider keeps its pending timers private).
/// </summary>
public sealed class TestClock() : FakeTimeProvider(Epoch)
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly Channel<DateTimeOffset> _dues = Channel.CreateUnbounded<DateTimeOffset>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var due = GetUtcNow() + dueTime;
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _dues.Writer.TryWrite(due);
        }

        return timer;
    }

    /// <summary>Awaits <paramref name="work"/>, moving time to each timer it starts until it is done.</summary>
    public async Task<T> RunAsync<T>(Task<T> work)
    {
        await DriveAsync(work);
        return await work;
    }

    /// <inheritdoc cref="RunAsync{T}(Task{T})"/>
    public async Task<T> RunAsync<T>(ValueTask<T> work) => await RunAsync(work.AsTask());

    /// <inheritdoc cref="RunAsync{T}(Task{T})"/>
    public async Task RunAsync(Task work)
    {
        await DriveAsync(work);
        await work;
    }

    private async Task DriveAsync(Task work)
    {
        while (!work.IsCompleted)
        {
            // WaitToReadAsync, not ReadAsync: an abandoned read would swallow the next timer's due time.
            var timerStarted = _dues.Reader.WaitToReadAsync().AsTask();
            if (await Task.WhenAny(work, timerStarted) == work)
            {
                return;
            }

            while (_dues.Reader.TryRead(out var due))
            {
                // A timer already fired or passed by an earlier step needs no more time.
                var ahead = due - GetUtcNow();
                if (ahead > TimeSpan.Zero)
                {
                    Advance(ahead);
                }
            }
        }
    }
}
