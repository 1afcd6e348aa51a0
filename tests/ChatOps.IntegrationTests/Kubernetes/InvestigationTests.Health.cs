using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Fakes;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// <c>health</c> through the simulated API server's service proxy to a loopback fixture, checked against what the real
/// <c>kubectl get --raw …/services/…/proxy/…</c> reads from the same server.
/// </summary>
public sealed partial class InvestigationTests
{
    private const string Proxy = $"/api/v1/namespaces/{Ns}/services/{Billing}:8090/proxy";

    [Fact]
    public async Task Health_ReadsThroughTheServiceProxy_TheBodyKubectlGetRawReads()
    {
        await using var c = await KubeTestCluster.StartAsync();
        await using var fixture = await Serve(c);

        var kubectl = await c.KubectlAsync("get", "--raw", $"{Proxy}/healthz");
        kubectl.Exit.ShouldBe(0, kubectl.Output);
        kubectl.Output.Trim().ShouldBe(HealthFixture.AspNetBody.Trim());
        var raw = await c.Bot.ProxyGetAsync(c.Target, Billing, "http", "/healthz", HealthHandler.MaxBodyBytes, None);
        raw.StatusCode.ShouldBe(200);
        raw.Body.Trim().ShouldBe(kubectl.Output.Trim());

        var aspnet = await Health(c, $"deployment/{Billing}", "/healthz");
        aspnet.Outcome.ShouldBe(Outcome.Succeeded, aspnet.Text);
        aspnet.Text.ShouldStartWith($"service {Billing}:8090/healthz in {Ns} on cluster local: DEGRADED (HTTP 200, ");
        aspnet.Tables.Single().Rows.Select(r => $"{r[0]}|{r[1]}").ShouldBe(["sql|Degraded", "redis|Healthy"]);

        var heartbeat = await Health(c, Billing, "/heartbeat");
        heartbeat.Text.ShouldContain(": UP (HTTP 200, ");
        heartbeat.Text.ShouldEndWith("\nbody is not JSON: OK");
    }

    [Fact]
    public async Task Health_OfAnActuatorThatIsDown_ShowsEachComponent_WithItsSecretsMasked()
    {
        await using var c = await KubeTestCluster.StartAsync();
        await using var fixture = await Serve(c);

        var kubectl = await c.KubectlAsync("get", "--raw", $"{Proxy}/actuator/health");
        kubectl.Exit.ShouldNotBe(0, "kubectl get --raw fails on the 503 the actuator answers when DOWN");

        var raw = await c.Bot.ProxyGetAsync(c.Target, Billing, "8090", "/actuator/health", HealthHandler.MaxBodyBytes, None);
        (raw.StatusCode, raw.Body.Trim(), raw.ProxyError).ShouldBe((503, HealthFixture.ActuatorBody.Trim(), (string?)null));

        var bot = await Health(c, Billing);
        bot.Text.ShouldStartWith($"service {Billing}:8090/actuator/health in {Ns} on cluster local: DOWN (HTTP 503, ");
        bot.Tables.Single().Rows.Select(r => $"{r[0]}|{r[1]}").ShouldBe(["db|DOWN", "diskSpace|UP", "ping|UP"]);
        bot.Tables.Single().Rows[0][2].ShouldContain("error=Connection to db:5432 refused");
        bot.Text.ShouldNotContain("s3cr3t");
        bot.Tables.Single().Rows[0][2].ShouldNotContain("s3cr3t");

        var down = await Health(c, Billing, "/down");
        down.Text.ShouldContain(": DOWN (HTTP 503, ");
        var huge = await Health(c, Billing, "/huge");
        huge.Text.ShouldContain("\nbody cut at 64 KiB; body is not JSON: ");
    }

    [Fact]
    public async Task Health_Failures_AreOneLine_AndKubectlSeesTheSameProxyErrors()
    {
        await using var c = await KubeTestCluster.StartAsync();
        await using var fixture = await Serve(c);
        c.Server.Seed.Service(Ns, "refusing", new Dictionary<string, string> { ["app"] = "refusing" }, ("http", 8080));
        c.Server.Proxy.Register(Ns, "refusing", 8080, new Uri("http://127.0.0.1:9/"));

        (await Health(c, "svc/nope")).Text.ShouldBe($"service nope not found in namespace {Ns} on cluster local");
        (await Health(c, Billing, port: "7070")).Text.ShouldBe($"service {Billing} in {Ns} on cluster local has no port '7070' (ports: http (8090), metrics (9090))");

        var noEndpoints = await Health(c, Billing, port: "metrics");
        noEndpoints.Outcome.ShouldBe(Outcome.Failed);
        noEndpoints.Text.ShouldBe($"the API server could not reach service {Billing}:9090/actuator/health in {Ns} on cluster local (HTTP 503: no endpoints available for service \"{Billing}:metrics\")");
        var kubectl = await c.KubectlAsync("get", "--raw", $"/api/v1/namespaces/{Ns}/services/{Billing}:metrics/proxy/actuator/health");
        kubectl.Exit.ShouldNotBe(0);
        kubectl.Output.ShouldContain($"Error from server (ServiceUnavailable): no endpoints available for service \"{Billing}:metrics\"");

        var refused = await Health(c, "refusing", "/heartbeat");
        refused.Outcome.ShouldBe(Outcome.Failed);
        refused.Text.ShouldStartWith($"the API server could not reach service refusing:8080/heartbeat in {Ns} on cluster local (HTTP 503: error trying to reach service: ");
        refused.Text.ShouldContain("connection refused");
        refused.Text.ShouldNotContain("\n");
    }

    [Theory]
    [InlineData("/../../../pods")]
    [InlineData("/actuator/../../../../../secrets")]
    public async Task ProxyGet_APathThatLeavesTheProxy_IsRefused_AndNothingIsCalled(string path)
    {
        await using var c = await KubeTestCluster.StartAsync();
        await using var fixture = await Serve(c);
        c.Server.ClearCalls();

        var refused = await Should.ThrowAsync<KubernetesFailure>(() => c.Bot.ProxyGetAsync(c.Target, Billing, "http", path, 1024, None));

        refused.Kind.ShouldBe(KubernetesFailureKind.Invalid);
        refused.Message.ShouldBe($"the health path '{path}' leaves the service proxy; nothing was called");
        c.Server.Calls.ShouldBeEmpty();
    }

    /// <summary>Billing's Service as seed 000 declares it (http 8090), a metrics port without endpoints, and the fixture behind http.</summary>
    private static async Task<HealthFixture> Serve(KubeTestCluster c)
    {
        var fixture = await HealthFixture.StartAsync();
        c.Server.Seed.Service(Ns, Billing, new Dictionary<string, string> { ["app"] = Billing }, ("http", 8090), ("metrics", 9090));
        c.Server.Proxy.Register(Ns, Billing, 8090, fixture.Address);
        return fixture;
    }

    private static async Task<OperationResult> Health(KubeTestCluster c, string target, string? path = null, string? port = null)
    {
        var query = new HealthQuery(Context(), new CommandLine("health", target, target), "local", Ns, HealthSubject.Parse(target), path, port);
        return await new HealthHandler(c.Bot, FixedOptions.Of(c.Options), Redactor()).Handle(query, None);
    }
}
