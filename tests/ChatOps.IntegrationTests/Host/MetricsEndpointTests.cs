using ChatOps.IntegrationTests.Slack;
using ChatOps.Tests.Fakes;

namespace ChatOps.IntegrationTests.Host;

/// <summary>/metrics of the host as Program builds it: the names dashboards and the docs use, with their types.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Scrape_DeclaresEveryDocumentedMetric_WithItsType_AndNoRenamedCopy()
    {
        await using var host = await SlackBotHost.StartAsync();

        // prometheus-net starts its MeterAdapter on the first scrape: only what is measured after it could be copied.
        var first = await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        (await host.CommandAsync("whoami")).EnsureSuccessStatusCode();
        var scrape = await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        first.ShouldContain(DocumentedMetrics.TypeLine("chatops_rate_limited_total"), Case.Sensitive, "families are declared before anything is measured");

        foreach (var name in DocumentedMetrics.Types.Keys)
        {
            scrape.ShouldContain(DocumentedMetrics.TypeLine(name), Case.Sensitive, name);
        }

        scrape.ShouldContain("chatops_commands_total{command=\"whoami\",outcome=\"Succeeded\"}", Case.Sensitive);
        scrape.ShouldNotContain("chatops_bot_", Case.Sensitive, "prometheus-net's MeterAdapter must not publish the ChatOps meter again");
        scrape.ShouldContain("process_cpu_seconds_total", Case.Sensitive, "the default process metrics are still served");
    }

    [Fact]
    public async Task Scrape_CopiesTheRequestAndRuntimeMeters_NotThePerRequestInternals()
    {
        await using var host = await SlackBotHost.StartAsync();

        await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        (await host.CommandAsync("whoami")).EnsureSuccessStatusCode();
        var scrape = await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        scrape.ShouldContain("# TYPE microsoft_aspnetcore_hosting_http_server_request_duration histogram", Case.Sensitive);
        scrape.ShouldContain("# TYPE system_runtime_dotnet_gc_collections", Case.Sensitive);
        // Kestrel rented and returned pool blocks for that command, and routing matched it: neither is copied.
        scrape.ShouldNotContain("memorypool", Case.Insensitive);
        scrape.ShouldNotContain("routing_match_attempts", Case.Insensitive);
        scrape.ShouldNotContain("private_internaldiagnostics", Case.Insensitive);
    }
}
