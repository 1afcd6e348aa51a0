namespace ChatOps.Bot.Chat;

/// <summary>
/// The ack budgets of all requests in flight on one timer. A <c>Task.Delay</c> per request meant one live timer per
/// request (≈ 10,500 at 4,200 requests/s, issue 19); here a request adds an entry to a queue ordered by due time, and
/// one timer, running only while entries wait, completes the due ones every <see cref="Resolution"/>. A deadline
/// never fires late: it completes between <c>budget - Resolution</c> and <c>budget</c> after it was asked for, so an
/// answer promised within Slack's 3 seconds still goes out in time. A budget within one resolution is already due:
/// waiting for the next tick would overrun it.
/// </summary>
public sealed class AckDeadlines(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private readonly PriorityQueue<TaskCompletionSource, DateTimeOffset> _waiting = new();
    private ITimer? _timer;
    private bool _disposed;

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Completes once <paramref name="budget"/> has (nearly) passed: never after it, at most one resolution before.</summary>
    public Task After(TimeSpan budget)
    {
        if (budget <= Resolution)
        {
            return Task.CompletedTask;
        }

        var due = clock.GetUtcNow() + budget - Resolution;
        var deadline = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _waiting.Enqueue(deadline, due);
            if (_waiting.Count == 1)
            {
                _timer ??= clock.CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timer.Change(Resolution, Resolution);
            }
        }

        return deadline.Task;
    }

    public void Dispose()
    {
        List<TaskCompletionSource> left;
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            left = [.. _waiting.UnorderedItems.Select(e => e.Element)];
            _waiting.Clear();
        }

        // Whoever waits gets the "working on it" path rather than a wait that never ends.
        left.ForEach(d => d.TrySetResult());
    }

    private void Tick()
    {
        var due = new List<TaskCompletionSource>();
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            while (_waiting.TryPeek(out var deadline, out var at) && at <= now)
            {
                _waiting.Dequeue();
                due.Add(deadline);
            }

            if (_waiting.Count == 0)
            {
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        // Outside the lock: the continuations run elsewhere (RunContinuationsAsynchronously), but keep the lock short anyway.
        due.ForEach(d => d.TrySetResult());
    }
}
