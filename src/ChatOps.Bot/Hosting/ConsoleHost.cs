using ChatOps.Bot.Chat.Console;
using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Parsing;
using Serilog;
using Serilog.Events;

namespace ChatOps.Bot.Hosting;

/// <summary><c>console [--user name]</c>: the whole bot on its configuration, driven from standard input.</summary>
public static class ConsoleHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var user = ArgValue(args, "--user") ?? Environment.UserName;
        if (!Names.IsDns1123Label(user.ToLowerInvariant()) || user.Length > 63)
        {
            await System.Console.Error.WriteLineAsync($"--user '{user}' must be a simple name (letters, digits, '-')");
            return 2;
        }

        return await StartupGuard.RunAsync(async () =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = args.Where(a => a != "--user" && a != user).ToArray(),
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.AddChatOpsVault();

            // Standard output carries the answers; the log goes to standard error and says only what needs attention,
            // plus audit-channel lines, which are what an operator at the console wants to see. Start-up failures are
            // reported by StartupGuard in one line, so the host's own stack trace for them is left out.
            builder.Services.AddSerilog(lc => lc
                .ReadFrom.Configuration(builder.Configuration)
                .MinimumLevel.Warning()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Extensions.Hosting", LogEventLevel.Fatal)
                .MinimumLevel.Override("ChatOps.AuditChannel", LogEventLevel.Information)
                .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}{Exception}"));
            builder.Services.AddChatOpsCore(builder.Configuration);
            builder.Services.AddSingleton<ConsoleSession>();

            using var host = builder.Build();
            await host.StartAsync();
            if (DataFolder.Of(host.Services.GetRequiredService<IOptions<StoreOptions>>().Value) is { } folder)
            {
                // Once, so two terminals can see at a glance that they share one store.
                await System.Console.Error.WriteLineAsync($"data folder: {folder}");
            }

            var session = host.Services.GetRequiredService<ConsoleSession>();
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            var code = await session.RunAsync(
                user.ToLowerInvariant(), System.Console.In, System.Console.Out, !System.Console.IsInputRedirected, lifetime.ApplicationStopping);
            await host.StopAsync();
            return code;
        });
    }

    private static string? ArgValue(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
