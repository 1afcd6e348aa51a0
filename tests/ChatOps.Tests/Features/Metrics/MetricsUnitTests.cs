using ChatOps.Bot.Chat.Console;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes.Metrics;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace ChatOps.Tests.Features.Metrics;

public sealed class MetricsUnitTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PromQlString_EscapesQuotesBackslashesAndNewlines()
    {
        PromQl.String("a\"b\\c\nd").ShouldBe("\"a\\\"b\\\\c\\nd\"");
    }

    [Fact]
    public void Selector_QuotesRegexMetacharacters_AndRequiresBothPodSuffixes()
    {
        PromQl.Selector("urbanos", "a.b").ShouldBe("namespace=\"urbanos\",pod=~\"a\\\\.b-[a-z0-9]+-[a-z0-9]+\"");
    }

    [Fact]
    public void Expand_FillsEveryPlaceholder()
    {
        PromQl.Expand("rate(x{$selector}[$rate]) and on() y{d=$deployment,n=$namespace}", "ns", "web", TimeSpan.FromMinutes(2))
            .ShouldBe("rate(x{namespace=\"ns\",pod=~\"web-[a-z0-9]+-[a-z0-9]+\"}[120s]) and on() y{d=\"web\",n=\"ns\"}");
    }

    [Theory]
    [InlineData(60, 60)]
    [InlineData(3600, 60)]
    [InlineData(6 * 3600, 300)]
    [InlineData(7 * 24 * 3600, 7200)]
    public void Ending_PicksTheSmallestRoundStep_WithAtMost120Points(int sinceSeconds, int stepSeconds)
    {
        var range = MetricRange.Ending(Now, TimeSpan.FromSeconds(sinceSeconds), 120);
        range.Step.ShouldBe(TimeSpan.FromSeconds(sinceSeconds == 60 ? 15 : stepSeconds));
        range.Points.ShouldBeLessThanOrEqualTo(120);
    }

    [Fact]
    public void Sparkline_SpansLowestToHighestBlock_AndIsFlatForAConstant()
    {
        Sparkline.Of([0, 1, 2, 3, 4, 5, 6, 7]).ShouldBe("▁▂▃▄▅▆▇█");
        Sparkline.Of([2, 2, 2]).ShouldBe("▁▁▁");
        Sparkline.Of([.. Enumerable.Range(0, 120).Select(i => (double)i)]).Length.ShouldBe(40);
    }

    [Fact]
    public void Format_ShowsUnits()
    {
        MetricsText.Format(300 * 1024 * 1024, MetricUnit.Bytes).ShouldBe("300 MiB");
        MetricsText.Format(0.123456, MetricUnit.Cores).ShouldBe("0.123 cores");
        MetricsText.Format(0.05, MetricUnit.Ratio).ShouldBe("5%");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Metrics_ForAClusterWithoutPrometheus_AnswersInOneLine(bool otherServers)
    {
        await using var bot = TestBot.Create(s =>
        {
            // Two servers, neither listing staging nor marked default: no "only one" to fall back to.
            if (otherServers)
            {
                s["ChatOps:Prometheus:eu:Url"] = "http://prometheus-eu.invalid:9090";
                s["ChatOps:Prometheus:eu:Clusters:0"] = "prod-eks";
                s["ChatOps:Prometheus:us:Url"] = "http://prometheus-us.invalid:9090";
                s["ChatOps:Prometheus:us:Clusters:0"] = "prod-us";
            }
        });

        var result = await bot.RunAsync("carol", "metrics web -n default --cluster staging");

        result.Outcome.ShouldBe(Outcome.Invalid, result.Text);
        result.Text.ShouldBe("no Prometheus is configured for cluster staging (set ChatOps:Prometheus:<name>:Url and list the cluster in its Clusters)");
    }

    [Fact]
    public async Task Metrics_WithABadArgument_StillShowsTheUsage()
    {
        await using var bot = TestBot.Create(s =>
        {
            s["ChatOps:Prometheus:main:Url"] = "http://prometheus.invalid:9090";
            s["ChatOps:Prometheus:main:Clusters:0"] = "staging";
        });

        var result = await bot.RunAsync("carol", "metrics web -n default --cluster staging --since 30d");

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.Split('\n').ShouldBe(["--since 30d must be between 5m and 7d", "usage: metrics <deployment> [--since duration] [-n|--namespace ns] [--cluster c]"]);
    }

    [Fact]
    public async Task Handler_AnswersASummaryPerSeries_AndAChart()
    {
        var source = new FakeMetricsSource { Values = [1, 2, 3] };
        var result = await Handler(source).Handle(Query(), CancellationToken.None);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.Split('\n')[1].ShouldBe("cpu       ▁▅█  min 1 cores  avg 2 cores  max 3 cores");
        var image = result.Images.ShouldHaveSingleItem();
        image.Content.ToArray().ShouldBe(FakeCharts.Png);
        image.Compact!.Value.ToArray().ShouldBe(FakeCharts.CompactPng, "the same chart drawn compact, for Teams cards");
        source.Queries.Count.ShouldBe(3);
        source.Queries[0].ShouldContain("pod=~\"web-[a-z0-9]+-[a-z0-9]+\"");
        source.Ranges[0].Step.ShouldBe(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task OneMetricsCommand_DrawsItsChartOnce_ForSlackTheConsoleAndATeamsCardItFits()
    {
        var charts = new FakeCharts();
        var result = await Handler(new FakeMetricsSource { Values = [1, 2, 3] }, charts).Handle(Query(), CancellationToken.None);

        BlockKit.Render(result, imagesShared: true);
        ConsoleRenderer.Render(result);
        AdaptiveCards.Message(result);
        AdaptiveCards.Render(result);

        charts.Drawn.ShouldBe([ChartVariant.Full]);
    }

    [Fact]
    public async Task ATeamsCardTheFullChartOverflows_DrawsTheCompactOneOnce_HoweverOftenTheCardIsBuilt()
    {
        var charts = new FakeCharts { Full = new byte[40_000] };
        var result = await Handler(new FakeMetricsSource { Values = [1, 2, 3] }, charts).Handle(Query(), CancellationToken.None);

        var card = AdaptiveCards.Message(result).ToJsonString();
        AdaptiveCards.Render(result);

        card.ShouldContain(Convert.ToBase64String(FakeCharts.CompactPng));
        charts.Drawn.ShouldBe([ChartVariant.Full, ChartVariant.Compact]);
    }

    [Fact]
    public async Task Handler_WhenPrometheusIsDown_AnswersOneLine()
    {
        var source = new FakeMetricsSource { Failure = new MetricsUnavailableException("connection refused or host unreachable") };
        var result = await Handler(source).Handle(Query(), CancellationToken.None);

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("Prometheus main is unavailable: connection refused or host unreachable");
    }

    [Fact]
    public async Task Handler_WithoutData_SaysSoAndDrawsNothing()
    {
        var result = await Handler(new FakeMetricsSource()).Handle(Query(), CancellationToken.None);

        result.Text.ShouldStartWith("no metrics for deployment web in shop on cluster prod, last 1h in Prometheus main");
        result.Images.ShouldBeEmpty();
    }

    private static MetricsQuery Query() =>
        new(new ChatContext("console", "carol", "carol", "console", null, "r-1", Now), new CommandLine("metrics", "metrics web", "metrics web"), "prod", "shop", "web", TimeSpan.FromHours(1));

    private static MetricsHandler Handler(IMetricsSource source, FakeCharts? charts = null)
    {
        var options = new PrometheusOptions();
        options.Prometheus["main"] = new PrometheusServer { Url = "http://prometheus:9090" };
        return new MetricsHandler(source, charts ?? new FakeCharts(), FixedOptions.Of(options), new FakeTimeProvider(Now));
    }

    private sealed class FakeMetricsSource : IMetricsSource
    {
        public List<double> Values { get; init; } = [];

        public MetricsUnavailableException? Failure { get; init; }

        public List<string> Queries { get; } = [];

        public List<MetricRange> Ranges { get; } = [];

        public Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(string server, string query, MetricRange range, CancellationToken cancellationToken)
        {
            Queries.Add(query);
            Ranges.Add(range);
            if (Failure is not null)
            {
                throw Failure;
            }

            IReadOnlyList<MetricSeries> series = Values.Count == 0 ? [] : [new MetricSeries(string.Empty, [.. Values.Select((v, i) => new MetricPoint(range.Start.AddMinutes(i), v))])];
            return Task.FromResult(series);
        }
    }

    private sealed class FakeCharts : IChartRenderer
    {
        public static readonly byte[] Png = [0x89, 0x50, 0x4e, 0x47];

        public static readonly byte[] CompactPng = [0x89, 0x50, 0x4e, 0x47, 0x0d];

        /// <summary>What the full rendering gives; large enough, it no longer fits a Teams card.</summary>
        public byte[] Full { get; init; } = Png;

        /// <summary>Each drawing, in order: drawing is what a metrics command should do as little of as it can.</summary>
        public List<ChartVariant> Drawn { get; } = [];

        public byte[] RenderPng(string title, IReadOnlyList<ChartPanel> panels, MetricRange range, ChartVariant variant = ChartVariant.Full)
        {
            Drawn.Add(variant);
            return variant == ChartVariant.Compact ? CompactPng : Full;
        }
    }
}
