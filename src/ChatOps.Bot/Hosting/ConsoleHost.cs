using ChatOps.Bot.Chat.Console;
using ChatOps.Bot.Features.Audit.Outbox;
using ChatOps.Bot.Hosting.Sandbox;
using ChatOps.Bot.Infrastructure.Storage;
using Serilog;
using Serilog.Events;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// <c>console [--user name] [--verbose] [--sandbox]</c>: the whole bot on its configuration, driven from standard input.
/// With <c>--sandbox</c> it also serves (or joins) the simulated cluster, registered as the default production cluster.
/// </summary>
public static class ConsoleHost
{
    public const string SandboxFlag = "--sandbox";

    /// <summary>What every answer starts with in sandbox mode, so no one mistakes it for a real cluster.</summary>
    public const string SandboxMark = "[sandbox] ";

    public static async Task<int> RunAsync(string[] args)
    {
        var sandbox = args.Contains(SandboxFlag);
        var user = ArgValue(args, "--user") ?? Environment.UserName;
        var verbose = args.Contains(ConsoleLogging.VerboseFlag);
        if (!Names.IsDns1123Label(user.ToLowerInvariant()) || user.Length > 63)
        {
            await System.Console.Error.WriteLineAsync($"--user '{user}' must be a simple name (letters, digits, '-')");
            return 2;
        }

        return await StartupGuard.RunAsync(async () =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
            {
                Args = args.Where(a => a != "--user" && a != user && a != ConsoleLogging.VerboseFlag && a != SandboxFlag).ToArray(),
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.AddChatOpsVault();
            await using var cluster = sandbox ? await StartSandboxAsync(builder.Configuration) : null;

            builder.Services.AddSerilog(lc => ConsoleLogging.Levels(lc, builder.Configuration, verbose)
                .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}{Exception}"));
            builder.Services.AddChatOpsCore(builder.Configuration);
            builder.Services.AddSingleton<ConsoleSession>();

            using var host = builder.Build();
            await host.StartAsync();
            var dataFolder = DataFolder.Of(host.Services.GetRequiredService<IOptions<StoreOptions>>().Value);
            if (dataFolder is { } folder)
            {
                // Once, so two terminals can see at a glance that they share one store.
                await System.Console.Error.WriteLineAsync($"data folder: {folder}");
            }

            var session = host.Services.GetRequiredService<ConsoleSession>();
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            var code = await session.RunAsync(
                user.ToLowerInvariant(), System.Console.In, System.Console.Out, !System.Console.IsInputRedirected, lifetime.ApplicationStopping,
                cluster is null ? null : SandboxMark, dataFolder);
            await FlushAuditLinesAsync(host.Services);
            await host.StopAsync();
            return code;
        });
    }

    // The audit-channel lines of the last commands, and the final chain head the publisher would post at stop, are
    // delivered before the host reports that it is stopping, so the log never shows them after "Application is
    // shutting down...". The publisher then finds the head already posted. What still cannot be delivered waits in
    // the outbox for the next start, as it would after the worker's own final attempt.
    private static async Task FlushAuditLinesAsync(IServiceProvider services)
    {
        var outbox = services.GetRequiredService<OutboxWorker>();
        try
        {
            await services.GetRequiredService<AuditHeadPublisher>().PublishAsync(CancellationToken.None);
            for (var round = 0; round < 10 && await outbox.DeliverDueAsync(CancellationToken.None) > 0; round++)
            {
            }
        }
        catch (AuditStoreUnavailableException)
        {
            // The publisher's and the worker's StopAsync try once more and log why they could not.
        }
    }

    /// <summary>Serves or joins the sandbox in the data folder and adds it to the configuration as the default cluster.</summary>
    private static async Task<SandboxCluster> StartSandboxAsync(ConfigurationManager configuration)
    {
        var store = configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
        store.ConnectionString = DataFolder.Anchor(store.ConnectionString, Environment.CurrentDirectory);
        var folder = DataFolder.Of(store) ?? Path.GetFullPath("data");
        var cluster = await SandboxCluster.StartOrAttachAsync(folder, CancellationToken.None);
        configuration.AddInMemoryCollection(cluster.Configuration());
        await System.Console.Error.WriteLineAsync(cluster.Serving
            ? $"sandbox: serving the simulated cluster on 127.0.0.1:{cluster.Record.Port}; start a second terminal with --sandbox to join it"
            : $"sandbox: joined the simulated cluster served by process {cluster.Record.Pid} on 127.0.0.1:{cluster.Record.Port}");
        return cluster;
    }

    private static string? ArgValue(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
