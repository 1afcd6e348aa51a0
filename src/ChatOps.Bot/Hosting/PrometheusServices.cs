using ChatOps.Bot.Features.Kubernetes.Metrics;
using ChatOps.Bot.Infrastructure.Charts;
using ChatOps.Bot.Infrastructure.Prometheus;

namespace ChatOps.Bot.Hosting;

/// <summary><c>metrics</c> (issue 14): ChatOps:Prometheus, the range-query adapter and the chart renderer.</summary>
public static class PrometheusServices
{
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddValidatedOptions<PrometheusOptions, PrometheusOptionsValidator>(PrometheusOptions.SectionName);

        services.AddPerCallTimedHttpClient(PrometheusMetricsSource.HttpClientName);
        services.AddSingleton<IMetricsSource, PrometheusMetricsSource>();
        services.AddSingleton<IChartRenderer, ScottPlotChartRenderer>();
        return services;
    }
}
