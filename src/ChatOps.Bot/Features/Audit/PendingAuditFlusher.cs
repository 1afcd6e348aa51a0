namespace ChatOps.Bot.Features.Audit;

/// <summary>
/// Writes held audit records once the store is back even when no command comes to do it, and tries once more on
/// shutdown; what still cannot be written then is named in the log, because memory does not survive the process.
/// </summary>
public sealed class PendingAuditFlusher(
    PendingAuditRecords pending,
    IOptions<AuditOptions> options,
    TimeProvider clock,
    ILogger<PendingAuditFlusher> logger) : BackgroundService
{
    // On shutdown StopAsync makes the last attempt.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(clock, options.Value.PendingFlushInterval, runAtStart: false, pending.FlushAsync, stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!await pending.FlushAsync(CancellationToken.None))
        {
            logger.LogError("{Count} audit record(s) held in memory could not be written before shutdown", pending.Held);
        }
    }
}
