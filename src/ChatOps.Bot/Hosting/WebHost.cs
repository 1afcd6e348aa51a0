using ChatOps.Bot.Chat.Alertmanager;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Chat.Teams;
using Serilog;
using Serilog.Formatting.Compact;

namespace ChatOps.Bot.Hosting;

public static class WebHost
{
    /// <summary>
    /// The bot's host builder, for Program and for every test or benchmark that runs the bot in-process. Slim: the
    /// full builder also wires IIS, HTTP/3 (QUIC) and the Debug and EventSource loggers, none of which a bot behind
    /// Kestrel on Linux with Serilog uses, and loading them cost ≈ 1.8 MiB resident (issue 19). HTTPS endpoints from
    /// the Kestrel configuration section keep working.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, string contentRoot)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
        builder.WebHost.UseKestrelHttpsConfiguration();
        return builder;
    }

    public static WebApplicationBuilder AddChatOps(this WebApplicationBuilder builder)
    {
        // First: secrets from Vault are configuration that everything below binds.
        builder.AddChatOpsVault();
        builder.Services.AddSerilog(lc => lc
            .ReadFrom.Configuration(builder.Configuration, LoggingAssemblies.Options())
            .Enrich.FromLogContext()
            .WriteTo.Console(new RenderedCompactJsonFormatter()));
        builder.Services.AddChatOpsCore(builder.Configuration);
        builder.Services.AddChatOpsSlack();
        builder.Services.AddChatOpsTeams();
        builder.Services.AddChatOpsAlertmanager();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("audit-store", tags: ["ready"]);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    public static WebApplication MapChatOps(this WebApplication app)
    {
        // Routing first, so the body limit sees which endpoint a request is for; probes and scrapes take no body.
        app.UseRouting();
        app.UseRequestBodyLimits();
        var noBody = new BodyLimit(0);
        app.MapHealthChecks("/livez", new() { Predicate = _ => false }).WithMetadata(noBody);
        app.MapHealthChecks("/readyz", new() { Predicate = c => c.Tags.Contains("ready") }).WithMetadata(noBody);
        app.MapHealthChecks("/healthz").WithMetadata(noBody);
        app.MapChatOpsMetrics("/metrics").WithMetadata(noBody);
        app.MapSlack();
        app.MapTeams();
        app.MapAlertmanager();
        return app;
    }
}
