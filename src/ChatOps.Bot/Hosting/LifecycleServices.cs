using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Infrastructure.Storage;

namespace ChatOps.Bot.Hosting;

/// <summary>Creates or migrates the store before anything else starts; a store that is down stops start-up.</summary>
public sealed class StoreMigration(IChatOpsStore store, IServiceProvider services, ILogger<StoreMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken);
        logger.LogInformation("Audit store ready ({Store})", store.GetType().Name);

        // Once, at start and after the configuration was validated. Absent when a host supplies its own store.
        if (services.GetService<AuditChainKeySource>() is { Warning: { } warning })
        {
            logger.LogWarning("{Warning}", warning);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Registered last so it stops first: refuse new commands, let running ones finish, then the rest stops.</summary>
public sealed class InFlightDrain(InFlightCommands inFlight, ILogger<InFlightDrain> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (inFlight.Count > 0)
        {
            logger.LogInformation("Waiting for {Count} running command(s) to finish", inFlight.Count);
        }

        try
        {
            await inFlight.StopAndDrainAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Shutdown timeout reached with {Count} command(s) still running", inFlight.Count);
        }
    }
}
