using ChatOps.Bot.Infrastructure.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// Ready only while the audit store accepts appends: without it no mutating command may run. A ping alone is not
/// enough (a store can answer SELECT 1 and still refuse writes), so held records count too: they exist exactly while
/// appends fail, and the flusher or the next command clears them once the store takes writes again.
/// </summary>
public sealed class StoreHealthCheck(IChatOpsStore store, PendingAuditRecords pending) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("audit store unavailable");
        }

        return pending.Stalled is var held and > 0
            ? HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"audit store not accepting appends: {held} record(s) held in memory"))
            : HealthCheckResult.Healthy();
    }
}
