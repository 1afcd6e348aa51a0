using System.Diagnostics.Metrics;
using ChatOps.Bot.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// <see cref="ChatOpsMetrics"/> on the container's <see cref="IMeterFactory"/>, published into prometheus-net's
/// default registry, which /metrics serves alongside the process and runtime metrics it has always served.
/// </summary>
public static class MetricsServices
{
    public static IServiceCollection AddChatOpsMetrics(this IServiceCollection services)
    {
        // prometheus-net's default MeterAdapter publishes every Meter in the process; ours is published by
        // PrometheusMeterExport under its exact names, so the adapter must not add a renamed, retyped copy.
        Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = i => i.Meter.Name != ChatOpsMetrics.MeterName);
        services.AddMetrics();
        services.TryAddSingleton(sp => new PrometheusMeterExport(
            new ChatOpsMetrics(sp.GetRequiredService<IMeterFactory>()), Metrics.DefaultRegistry));
        services.TryAddSingleton(sp => sp.GetRequiredService<PrometheusMeterExport>().Metrics);
        return services;
    }

    /// <summary>/metrics, with every ChatOps family declared from the first scrape, before anything was measured.</summary>
    public static IEndpointConventionBuilder MapChatOpsMetrics(this WebApplication app, string pattern)
    {
        app.Services.GetRequiredService<PrometheusMeterExport>();
        return app.MapMetrics(pattern);
    }
}
