namespace ChatOps.Bot.Core;

/// <summary>
/// The loop the background workers share: a round every <c>interval</c> on the injected clock (so tests drive it with
/// a fake one) until the host stops. Stopping ends the loop quietly, since a cancelled wait or round is the normal way
/// out; a round reports its own failures, because what a failure means (and whether it may be retried) is its own.
/// </summary>
public static class PeriodicWork
{
    /// <param name="runAtStart">true: the first round runs at once instead of after the first interval.</param>
    public static async Task RunAsync(
        TimeProvider clock, TimeSpan interval, bool runAtStart, Func<CancellationToken, Task> round, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            if (runAtStart)
            {
                await round(stoppingToken);
            }

            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await round(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }
}
