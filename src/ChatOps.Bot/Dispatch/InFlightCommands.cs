namespace ChatOps.Bot.Dispatch;

/// <summary>
/// Counts commands being run, admits at most <see cref="DispatchOptions.MaxInFlight"/> of them, and refuses new ones
/// once shutdown has begun so shutdown can wait for the rest: a command is either finished or never started, never
/// cut off halfway. Admission is a counter, not a queue: a command over the bound is refused, never parked.
/// </summary>
public sealed class InFlightCommands(IOptions<DispatchOptions> options)
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

    public int Limit => options.Value.MaxInFlight;

    /// <summary>True while as many commands run as may: a new one would be refused as busy.</summary>
    public bool Busy
    {
        get
        {
            lock (_gate)
            {
                return _count >= Limit;
            }
        }
    }

    /// <summary>Claims a slot; pair an <see cref="Admission.Admitted"/> with exactly one <see cref="Exit"/>.</summary>
    public Admission TryEnter()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return Admission.Stopping;
            }

            if (_count >= Limit)
            {
                return Admission.Busy;
            }

            _count++;
            return Admission.Admitted;
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            // A second release of one slot would admit more than the bound; fail loudly rather than drift.
            if (_count == 0)
            {
                throw new InvalidOperationException("a command slot was released that was never claimed");
            }

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

/// <summary>What <see cref="InFlightCommands.TryEnter"/> decided.</summary>
public enum Admission
{
    Admitted,
    Busy,
    Stopping,
}
