using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Diagnostics;

public sealed class ChatOpsMetricsTests
{
    [Fact]
    public void EveryMetricTheDocsName_IsPinnedWithItsType()
    {
        DocumentedMetrics.NamesInDocs(RepositoryRoot.Path).Order().ShouldBe(DocumentedMetrics.Types.Keys.Order());
    }

    [Fact]
    public async Task EveryPinnedMetric_IsExportedUnderItsNameAndType_BeforeAnythingIsMeasured()
    {
        using var probe = new MetricsProbe();

        var scrape = await probe.ScrapeAsync();

        foreach (var name in DocumentedMetrics.Types.Keys)
        {
            scrape.ShouldContain(DocumentedMetrics.TypeLine(name), Case.Sensitive, name);
        }

        scrape.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2])
            .Order().ShouldBe(DocumentedMetrics.Types.Keys.Order(), "no family besides the pinned ones");
        scrape.ShouldContain("chatops_audit_write_failures_total 0\n", Case.Sensitive, "an unlabelled counter reads 0 from the start");
    }

    [Fact]
    public async Task EachMeasurement_LandsInItsSeries_WithTheDocumentedLabels()
    {
        using var probe = new MetricsProbe();
        var metrics = probe.Metrics;

        metrics.CommandAnswered("whoami", "Succeeded", TimeSpan.FromMilliseconds(3));
        metrics.AuditWritten(TimeSpan.FromMilliseconds(1));
        metrics.AuditWriteFailed();
        metrics.AuditPoisonRecordSetAside();
        metrics.AuditPendingRecords(7);
        metrics.AuditPendingRefused();
        metrics.OutboxBacklog(4);
        metrics.OutboxDelivered("slack");
        metrics.OutboxFailed("teams");
        metrics.AlertNotification("duplicate");
        metrics.RateLimited("slack", "scale");
        metrics.BodyTooLarge("/slack/commands");
        metrics.PendingApprovals(2);
        metrics.VaultFailed("renew");
        metrics.VaultTokenRenewed("logged_in");
        metrics.VaultSecretsRead(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

        var scrape = await probe.ScrapeAsync();
        string[] expected =
        [
            "chatops_commands_total{command=\"whoami\",outcome=\"Succeeded\"} 1",
            "chatops_command_duration_seconds_count{command=\"whoami\"} 1",
            "chatops_audit_write_duration_seconds_count 1",
            "chatops_audit_write_failures_total 1",
            "chatops_audit_poison_records_total 1",
            "chatops_audit_pending_records 7",
            "chatops_audit_pending_refusals_total 1",
            "chatops_outbox_backlog 4",
            "chatops_outbox_delivered_total{platform=\"slack\"} 1",
            "chatops_outbox_failures_total{platform=\"teams\"} 1",
            "chatops_alert_notifications_total{result=\"duplicate\"} 1",
            "chatops_rate_limited_total{platform=\"slack\",command=\"scale\"} 1",
            "chatops_request_body_too_large_total{path=\"/slack/commands\"} 1",
            "chatops_pending_approvals 2",
            "chatops_vault_failures_total{operation=\"renew\"} 1",
            "chatops_vault_token_renewals_total{outcome=\"logged_in\"} 1",
            "chatops_vault_last_refresh_timestamp_seconds 1700000000",
        ];
        foreach (var line in expected)
        {
            scrape.ShouldContain(line + "\n", Case.Sensitive);
        }
    }

    [Fact]
    public async Task Histograms_KeepTheirDoublingBuckets()
    {
        using var probe = new MetricsProbe();
        probe.Metrics.CommandAnswered("whoami", "Succeeded", TimeSpan.FromMilliseconds(3));
        probe.Metrics.AuditWritten(TimeSpan.FromMilliseconds(1));

        var scrape = await probe.ScrapeAsync();

        Buckets(scrape, "chatops_command_duration_seconds_bucket{command=\"whoami\",le=\"").ShouldBe(
            ["0.0005", "0.001", "0.002", "0.004", "0.008", "0.016", "0.032", "0.064", "0.128", "0.256", "0.512", "1.024", "2.048", "4.096", "8.192", "16.384", "+Inf"]);
        Buckets(scrape, "chatops_audit_write_duration_seconds_bucket{le=\"").ShouldBe(
            ["0.0001", "0.0002", "0.0004", "0.0008", "0.0016", "0.0032", "0.0064", "0.0128", "0.0256", "0.0512", "0.1024", "0.2048", "0.4096", "0.8192", "1.6384", "3.2768", "+Inf"]);
        scrape.ShouldContain("chatops_command_duration_seconds_bucket{command=\"whoami\",le=\"0.002\"} 0\n");
        scrape.ShouldContain("chatops_command_duration_seconds_bucket{command=\"whoami\",le=\"0.004\"} 1\n");
    }

    [Fact]
    public async Task TwoInstances_CountApart()
    {
        using var one = new MetricsProbe();
        using var other = new MetricsProbe();

        one.Metrics.RateLimited("slack", "whoami");

        (await one.ValueAsync("chatops_rate_limited_total{platform=\"slack\",command=\"whoami\"}")).ShouldBe(1);
        (await other.ValueAsync("chatops_rate_limited_total{platform=\"slack\",command=\"whoami\"}")).ShouldBe(0);
    }

    private static string[] Buckets(string scrape, string prefix) =>
        scrape.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Select(l => l[prefix.Length..l.IndexOf('"', prefix.Length)]).ToArray();
}
