using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.IntegrationTests.Kubernetes;

/// <summary>
/// A loopback HTTP server standing for a service's pods behind the simulated API server's service proxy: Spring Boot
/// actuator (seed 000, with a datasource detail holding a password), ASP.NET Core health JSON, seed 004's
/// <c>/healthz/detailed</c>, plain <c>/heartbeat</c>, a plain 503 and an oversized body.
/// </summary>
public sealed class HealthFixture : IAsyncDisposable
{
    public const string ActuatorBody = """
        {"status":"DOWN","components":{"db":{"status":"DOWN","details":{"database":"PostgreSQL","error":"Connection to db:5432 refused","password":"s3cr3t-hunter2-pw"}},"diskSpace":{"status":"UP","details":{"total":499963174912,"free":91300032512}},"ping":{"status":"UP"}}}
        """;

    public const string AspNetBody = """
        {"status":"Degraded","totalDuration":"00:00:00.0151","entries":{"sql":{"data":{},"description":"slow queries","duration":"00:00:00.0120","status":"Degraded","tags":["db"]},"redis":{"data":{},"duration":"00:00:00.0010","status":"Healthy","tags":[]}}}
        """;

    private readonly WebApplication _app;

    private HealthFixture(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public static async Task<HealthFixture> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/actuator/health", () => Results.Text(ActuatorBody, "application/vnd.spring-boot.actuator.v3+json", statusCode: 503));
        app.MapGet("/healthz", () => Results.Text(AspNetBody, "application/json"));
        app.MapGet("/heartbeat", () => Results.Text("OK", "text/plain"));
        app.MapGet("/down", () => Results.Text("Service Unavailable", "text/plain", statusCode: 503));
        app.MapGet("/huge", () => Results.Text(new string('x', 200_000), "text/plain"));
        var fixture = new HealthFixture(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fixture.Address = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return fixture;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
