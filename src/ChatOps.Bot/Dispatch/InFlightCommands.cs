namespace ChatOps.Bot.Dispatch;

/// <summary>
/// Counts commands being run so shutdown can wait for them, and refuses new ones once shutdown has begun:
/// a command is either finished or never started, never cut off halfway.
/// </summary>
public sealed class InFlightCommands
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _drained;
    private int _count;
    private bool _stopping;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public bool TryEnter()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return false;
            }

            _count++;
            return true;
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            _count--;
            if (_count == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    /// <summary>Stops admitting commands and completes when the running ones have finished.</summary>
    public Task StopAndDrainAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _stopping = true;
            if (_count == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task.WaitAsync(cancellationToken);
        }
    }
}
