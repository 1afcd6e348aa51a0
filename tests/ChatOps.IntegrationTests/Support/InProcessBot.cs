using ChatOps.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.IntegrationTests.Support;

/// <summary>
/// The HTTP host exactly as Program builds it (AddChatOps / MapChatOps), started in-process on a free loopback port.
/// With <paramref name="logs"/> every log line (Information and up) goes there instead of the console.
/// </summary>
public static class InProcessBot
{
    public static async Task<(WebApplication App, Uri Address)> StartAsync(IReadOnlyDictionary<string, string?> settings, CapturedLogs? logs = null)
    {
        var builder = WebHost.CreateBuilder(["--urls", "http://127.0.0.1:0"], AppContext.BaseDirectory);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddChatOps();
        if (logs is not null)
        {
            // Registered last, so it replaces Serilog's factory: every ILogger<T> and the server's own loggers write here.
            builder.Services.AddSingleton<ILoggerFactory>(_ => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(logs)));
        }

        var app = builder.Build();
        app.MapChatOps();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
