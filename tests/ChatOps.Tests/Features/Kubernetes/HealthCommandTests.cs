using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary><c>health</c> through the real parser and pipeline, on the fake port (issue 14 item 5).</summary>
public sealed class HealthCommandTests
{
    private const string Actuator = """
        {"status":"DOWN","components":{
          "db":{"status":"DOWN","details":{"error":"org.postgresql.util.PSQLException: Connection refused","url":"jdbc:postgresql://db:5432/billing?user=app&password=hunter2-very-secret"}},
          "diskSpace":{"status":"UP","details":{"total":499963174912,"free":91300032512,"threshold":10485760}},
          "ping":{"status":"UP"}}}
        """;

    [Fact]
    public async Task Health_OfAService_CallsTheProxyOnItsHttpPort_AndShowsEachComponent_Redacted()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Proxied = new(503, "application/vnd.spring-boot.actuator.v3+json", Actuator, false, TimeSpan.FromMilliseconds(37));

        var result = await bot.RunAsync("alice", "health web --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldBe(["services staging/default web", "proxy staging/default web:http/actuator/health max 65536"]);
        result.Text.ShouldStartWith("service web:8080/actuator/health in default on cluster staging: DOWN (HTTP 503, 37 ms)");
        result.Tables.Single().Rows.Select(r => $"{r[0]}|{r[1]}").ShouldBe(["db|DOWN", "diskSpace|UP", "ping|UP"]);
        result.Tables.Single().Rows[0][2].ShouldContain("error=org.postgresql.util.PSQLException: Connection refused");
        result.Severity.ShouldBe(Severity.Danger);
        result.Text.ShouldNotContain("hunter2");
        bot.Store.Entries[^1].Record.ToString().ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task Health_OfADeployment_FindsTheServiceWhoseSelectorMatchesItsPods()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "health deployment/web --cluster staging --path /healthz/detailed --port 9090");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldBe(["template staging/default/web", "services staging/default *", "proxy staging/default web:metrics/healthz/detailed max 65536"]);
        result.Text.ShouldStartWith("service web:9090/healthz/detailed in default on cluster staging: UP (HTTP 200, 12 ms)");
    }

    [Fact]
    public async Task Health_UsesTheServicesConfiguredPathAndPort()
    {
        await using var bot = TestBot.Create(c =>
        {
            c["ChatOps:Clusters:staging:HealthChecks:other:Path"] = "heartbeat";
            c["ChatOps:Clusters:staging:HealthChecks:other:Port"] = "80";
        });
        bot.Kube.Proxied = new(200, "text/plain", "OK\n", false, TimeSpan.FromMilliseconds(3));

        var result = await bot.RunAsync("alice", "health svc/other --cluster staging");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls[^1].ShouldBe("proxy staging/default other:80/heartbeat max 65536");
        result.Text.ShouldBe("service other:80/heartbeat in default on cluster staging: UP (HTTP 200, 3 ms)\nbody is not JSON: OK");
    }

    [Theory]
    [InlineData("health nope --cluster staging", "no service or deployment named nope in namespace default on cluster staging")]
    [InlineData("health svc/nope --cluster staging", "service nope not found in namespace default on cluster staging")]
    [InlineData("health web --port 7070 --cluster staging", "service web in default on cluster staging has no port '7070' (ports: metrics (9090), http (8080))")]
    public async Task Health_UnknownServiceOrPort_IsOneLine_AndCallsNoProxy(string text, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe(expected);
        bot.Kube.Calls.ShouldAllBe(c => !c.StartsWith("proxy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_WhenTheApiServerCannotReachTheService_SaysSoInOneLine()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Proxied = new(503, "application/json", "{}", false, TimeSpan.FromMilliseconds(2), "no endpoints available for service \"web:http\"");

        var result = await bot.RunAsync("alice", "health web --cluster staging");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("the API server could not reach service web:8080/actuator/health in default on cluster staging (HTTP 503: no endpoints available for service \"web:http\")");
    }

    [Fact]
    public async Task Health_ADeploymentNoServiceSelects_IsOneLine()
    {
        await using var bot = TestBot.Create();
        bot.Kube.TemplateLabels["lonely"] = new Dictionary<string, string> { ["app"] = "lonely" };

        var result = await bot.RunAsync("alice", "health deployment/lonely --cluster staging");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("no service in default on cluster staging selects the pods of deployment lonely");
    }

    [Theory]
    [InlineData("health web --path ../../secrets --cluster staging", "'../../secrets' is not a health path")]
    [InlineData("health web --path /actuator/../../../../secrets --cluster staging", "is not a health path")]
    [InlineData("health web --path /a%2F..%2Fb --cluster staging", "is not a health path")]
    [InlineData("health web --port 99999 --cluster staging", "'99999' is not a service port")]
    [InlineData("health pod/web --cluster staging", "not 'pod'")]
    public async Task Health_BadInput_IsRefusedBeforeAnyCall(string text, string expected)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldContain(expected);
        bot.Kube.Calls.ShouldBeEmpty();
    }
}
