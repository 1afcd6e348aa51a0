using System.Text;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Kubernetes.Metrics;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Infrastructure.Charts;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;
using Xunit.Abstractions;

namespace ChatOps.IntegrationTests.Metrics;

/// <summary>
/// `metrics` through the whole pipeline against Prometheus 2.42 holding backfilled history (scripts/services.sh):
/// the text's min/avg/max are the history's, the PNG decodes and has the series drawn, and a server that is down, a
/// query it refuses and a deployment without data each get one line.
/// </summary>
public sealed class MetricsEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ChatOps:Store:Provider"] = "Sqlite",
            ["ChatOps:Store:ConnectionString"] = $"Data Source={Path.Combine(_directory.Path, "chatops.db")}",
            ["ChatOps:Roles:Bindings:0:Subject"] = "console:carol",
            ["ChatOps:Roles:Bindings:0:Role"] = "viewer",
            ["ChatOps:Prometheus:main:Url"] = PrometheusHistory.Url,
            ["ChatOps:Prometheus:main:Clusters:0"] = "prod",
            ["ChatOps:Prometheus:down:Url"] = "http://127.0.0.1:1",
            ["ChatOps:Prometheus:down:Clusters:0"] = "dark",
            ["ChatOps:Prometheus:bad:Url"] = PrometheusHistory.Url,
            ["ChatOps:Prometheus:bad:Clusters:0"] = "broken",
            ["ChatOps:Prometheus:bad:Queries:Cpu"] = "sum(rate(container_cpu_usage_seconds_total{$selector}[$rate]",
        };
        foreach (var cluster in new[] { "prod", "dark", "broken" })
        {
            // metrics never calls the Kubernetes API: the kubeconfig is only named, never read.
            settings[$"ChatOps:Clusters:{cluster}:Kubeconfig"] = Path.Combine(_directory.Path, "kubeconfig");
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection().AddLogging().AddChatOpsCore(configuration)
            .AddSingleton<TimeProvider>(new FakeTimeProvider(PrometheusHistory.End))
            .BuildServiceProvider();
        await _services.GetRequiredService<IChatOpsStore>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task Metrics_ReportsTheBackfilledHistory_AndDrawsEverySeries()
    {
        var result = await RunAsync($"metrics {PrometheusHistory.Deployment} -n {PrometheusHistory.Namespace} --cluster prod");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        var lines = result.Text.Split('\n');
        lines[0].ShouldBe($"metrics of deployment {PrometheusHistory.Deployment} in urbanos on cluster prod, last 1h (Prometheus main, step 1m)");

        // 1h at ≤ 120 points: a 1-minute step, 61 points from END-1h to END.
        var at = Enumerable.Range(0, 61).Select(i => PrometheusHistory.End.AddHours(-1).AddMinutes(i)).ToList();
        Summary(lines[1], "cpu", at.Select(PrometheusHistory.Cpu).ToList(), MetricUnit.Cores);
        Summary(lines[2], "memory", at.Select(PrometheusHistory.Memory).ToList(), MetricUnit.Bytes);
        Summary(lines[3], "restarts", at.Select(PrometheusHistory.Restarts).ToList(), MetricUnit.Count);
        lines[1].ShouldContain("min 0.5 cores  avg 0.5 cores  max 0.5 cores");
        lines[2].ShouldContain("min 300 MiB");
        lines[2].ShouldContain("max 500 MiB");
        lines[3].ShouldContain("min 1  avg 2.03  max 4");

        var image = result.Images.ShouldHaveSingleItem();
        image.MediaType.ShouldBe("image/png");
        using var bitmap = SKBitmap.Decode(image.Content.ToArray());
        bitmap.ShouldNotBeNull("the chart is not a PNG Skia can decode");
        bitmap.Width.ShouldBe(ScottPlotChartRenderer.Width);
        bitmap.Height.ShouldBe(ScottPlotChartRenderer.TitleHeight + (3 * ScottPlotChartRenderer.PanelHeight));
        for (var panel = 0; panel < 3; panel++)
        {
            ColouredPixels(bitmap, ScottPlotChartRenderer.TitleHeight + (panel * ScottPlotChartRenderer.PanelHeight), ScottPlotChartRenderer.PanelHeight)
                .ShouldBeGreaterThan(200, $"panel {panel} has no series drawn");
        }
    }

    [Fact]
    public async Task Metrics_TheTeamsCard_CarriesTheCompactChart_AndStaysUnderTheLimit()
    {
        var result = await RunAsync($"metrics {PrometheusHistory.Deployment} -n {PrometheusHistory.Namespace} --cluster prod");

        var image = result.Images.ShouldHaveSingleItem();
        using (var bitmap = SKBitmap.Decode(image.Compact!.Value.ToArray()))
        {
            bitmap.ShouldNotBeNull("the compact chart is not a PNG Skia can decode");
            bitmap.Width.ShouldBe(ScottPlotChartRenderer.CompactWidth);
            bitmap.Height.ShouldBe(ScottPlotChartRenderer.CompactTitleHeight + (3 * ScottPlotChartRenderer.CompactPanelHeight));
            for (var panel = 0; panel < 3; panel++)
            {
                ColouredPixels(bitmap, ScottPlotChartRenderer.CompactTitleHeight + (panel * ScottPlotChartRenderer.CompactPanelHeight), ScottPlotChartRenderer.CompactPanelHeight)
                    .ShouldBeGreaterThan(100, $"compact panel {panel} has no series drawn");
            }
        }

        var message = AdaptiveCards.Message(result);
        var size = Encoding.UTF8.GetByteCount(message.ToJsonString(AdaptiveCards.Wire));
        output.WriteLine($"full PNG {image.Content.Length} B, compact PNG {image.Compact!.Value.Length} B, Teams message {size} B");
        size.ShouldBeLessThanOrEqualTo(AdaptiveCards.MaxMessageBytes);
        var body = message["attachments"]![0]!["content"]!["body"]!.AsArray();
        var url = body.Single(b => b!["type"]!.GetValue<string>() == "Image")!["url"]!.GetValue<string>();
        Convert.FromBase64String(url["data:image/png;base64,".Length..]).ShouldBe(image.Compact!.Value.ToArray());
    }

    [Fact]
    public async Task Metrics_WhenPrometheusIsDown_SaysSoInOneLine()
    {
        var result = await RunAsync($"metrics {PrometheusHistory.Deployment} -n urbanos --cluster dark");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("Prometheus down is unavailable: connection refused or host unreachable");
    }

    [Fact]
    public async Task Metrics_WhenPrometheusRejectsTheQuery_NamesTheConfigurationKey()
    {
        var result = await RunAsync($"metrics {PrometheusHistory.Deployment} -n urbanos --cluster broken");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldStartWith("Prometheus bad rejected the cpu query (ChatOps:Prometheus:bad:Queries:Cpu): ");
        result.Text.ShouldNotContain("\n");
    }

    [Fact]
    public async Task Metrics_ForADeploymentWithoutData_SaysSoInOneLine()
    {
        var result = await RunAsync("metrics urbanos-service-nothing -n urbanos --cluster prod");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldStartWith("no metrics for deployment urbanos-service-nothing in urbanos on cluster prod, last 1h in Prometheus main");
        result.Images.ShouldBeEmpty();
    }

    private static void Summary(string line, string name, List<double> values, MetricUnit unit)
    {
        line.ShouldStartWith(name);
        line.ShouldContain($"min {MetricsText.Format(values.Min(), unit)}  avg {MetricsText.Format(values.Average(), unit)}  max {MetricsText.Format(values.Max(), unit)}");
        line.Count(c => Sparkline.Blocks.Contains(c, StringComparison.Ordinal)).ShouldBe(40);
    }

    /// <summary>Pixels with colour (not white, grey or black: the line, not the axes or text) in a band of rows.</summary>
    private static int ColouredPixels(SKBitmap bitmap, int top, int height)
    {
        var count = 0;
        for (var y = top; y < top + height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                count += Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 60 ? 1 : 0;
            }
        }

        return count;
    }

    private Task<OperationResult> RunAsync(string text) =>
        _services.GetRequiredService<CommandDispatcher>().DispatchAsync(
            text, new ChatContext("console", "carol", "carol", "C-OPS", null, RequestIds.New(), DateTimeOffset.UtcNow), CancellationToken.None);
}
