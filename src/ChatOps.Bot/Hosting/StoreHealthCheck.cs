using ChatOps.Bot.Operations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOps.Bot.Hosting;

/// <summary>Ready only while the audit store answers: without it no mutating command may run.</summary>
public sealed class StoreHealthCheck(IChatOpsStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("audit store unavailable");
        }
    }
}
