using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// Polls the store for due SLA timers and channel setups to retry. Every replica runs one; the store's claims make
/// each timer fire once and each setup run on one replica. What they post goes through the outbox, which is woken.
/// </summary>
public sealed class IncidentWorker(
    IncidentTimers timers,
    IncidentChannelSetup setup,
    OutboxSignal outbox,
    IOptionsMonitor<IncidentOptions> options,
    TimeProvider clock,
    ILogger<IncidentWorker> logger) : BackgroundService
{
    /// <summary>One round: fires due timers and retries due channel setups; returns how many of both happened.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var fired = (await timers.FireDueAsync(cancellationToken)).Count;
        var completed = await setup.RetryDueAsync(IncidentTimers.BatchSize, cancellationToken);
        if (fired + completed > 0)
        {
            outbox.Notify();
        }

        return fired + completed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A store outage is reported by the audit path; timers wait in the store and fire when it is back.
                logger.LogWarning("Incident timer poll failed: {Reason}", ex.Message);
            }

            try
            {
                await Task.Delay(options.CurrentValue.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
