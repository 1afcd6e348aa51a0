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
        Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = i => AdapterCopies(i.Meter.Name));
        services.AddMetrics();
        services.TryAddSingleton(sp => new PrometheusMeterExport(
            new ChatOpsMetrics(sp.GetRequiredService<IMeterFactory>()), Metrics.DefaultRegistry));
        services.TryAddSingleton(sp => sp.GetRequiredService<PrometheusMeterExport>().Metrics);
        return services;
    }

    /// <summary>
    /// The meters prometheus-net's MeterAdapter copies to /metrics; it listens to every measurement of each one, on the
    /// request path for ASP.NET Core's. Not ours: PrometheusMeterExport publishes it under its exact names, and the
    /// adapter would add a renamed, retyped copy. Not Kestrel's memory pool (several measurements per request for its
    /// buffers' rents and returns), routing's match attempts (one per request; the route is a label of the request
    /// duration) nor the runtime's private diagnostics (MsQuic internals; the bot serves no HTTP/3): listening to them
    /// took 8-10 % of the bot's CPU per `help` on one CPU (docs/performance.md, issue 19, fifth session). Request
    /// durations, active requests, connections, exceptions, outgoing calls and the runtime's metrics stay.
    /// </summary>
    public static bool AdapterCopies(string meterName) =>
        meterName is not (ChatOpsMetrics.MeterName or "Microsoft.AspNetCore.MemoryPool" or "Microsoft.AspNetCore.Routing")
        && !meterName.StartsWith("private.", StringComparison.OrdinalIgnoreCase);

    /// <summary>/metrics, with every ChatOps family declared from the first scrape, before anything was measured.</summary>
    public static IEndpointConventionBuilder MapChatOpsMetrics(this WebApplication app, string pattern)
    {
        app.Services.GetRequiredService<PrometheusMeterExport>();
        return app.MapMetrics(pattern);
    }
}
