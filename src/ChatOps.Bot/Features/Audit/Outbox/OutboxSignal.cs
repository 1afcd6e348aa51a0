namespace ChatOps.Bot.Features.Audit.Outbox;

/// <summary>Wakes the outbox worker as soon as a line is queued instead of waiting for its next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread signalled first; one wake-up is enough.
            }
        }
    }

    /// <summary>A wake-up is waiting to be taken; for tests.</summary>
    internal bool IsSet => _signal.CurrentCount > 0;

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
