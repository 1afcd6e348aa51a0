using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using ChatOps.Bot.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace ChatOps.Tests.Fakes;

/// <summary>
/// A fresh <see cref="ChatOpsMetrics"/> on its own meter factory, exported into its own registry: a test reads exactly
/// what it caused, as Prometheus would scrape it, and never a count another test left in a process-wide registry.
/// </summary>
public sealed class MetricsProbe : IDisposable
{
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();

    public MetricsProbe() => Export = new PrometheusMeterExport(new ChatOpsMetrics(_meters.GetRequiredService<IMeterFactory>()), _registry);

    public PrometheusMeterExport Export { get; }

    public ChatOpsMetrics Metrics => Export.Metrics;

    public async Task<string> ScrapeAsync()
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The value of one series, e.g. <c>chatops_rate_limited_total{platform="slack",command="whoami"}</c>; 0 when absent.</summary>
    public async Task<double> ValueAsync(string series) => ValueIn(await ScrapeAsync(), series);

    public static double ValueIn(string scrape, string series)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        var line = scrape.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Export.Dispose();
        _meters.Dispose();
    }
}
