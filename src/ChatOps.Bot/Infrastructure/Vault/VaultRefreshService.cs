using ChatOps.Bot.Configuration;
using ChatOps.Bot.Hosting;

namespace ChatOps.Bot.Infrastructure.Vault;

/// <summary>
/// Keeps the Vault token alive and the mapped secrets current. When Vault is down the last values stay in force:
/// a warning, a metric, and another try soon.
/// </summary>
public sealed class VaultRefreshService(
    VaultConfigurationProvider provider,
    VaultTokenKeeper tokens,
    VaultOptions options,
    TimeProvider clock,
    ILogger<VaultRefreshService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextRead = clock.GetUtcNow() + options.RefreshInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (clock.GetUtcNow() >= nextRead)
            {
                nextRead = clock.GetUtcNow() + await RefreshAsync(stoppingToken);
            }

            await RenewAsync(stoppingToken);
            var wake = tokens.RenewAt is { } renewAt && renewAt < nextRead ? renewAt : nextRead;
            var delay = wake - clock.GetUtcNow();
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One read of every secret; returns how long to wait before the next.</summary>
    public async Task<TimeSpan> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var changed = await provider.RefreshAsync(cancellationToken);
            BotMetrics.VaultLastRefresh.Set(clock.GetUtcNow().ToUnixTimeSeconds());
            if (changed.Count > 0)
            {
                logger.LogInformation("Vault secrets changed; configuration reloaded for {Keys}", string.Join(", ", changed));
            }

            return options.RefreshInterval;
        }
        catch (VaultException ex)
        {
            BotMetrics.VaultFailures.WithLabels("read").Inc();
            logger.LogWarning("Vault refresh failed, keeping the last values: {Error}", ex.Message);
            return options.RefreshInterval < RetryDelay ? options.RefreshInterval : RetryDelay;
        }
    }

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            switch (await tokens.RenewIfDueAsync(cancellationToken))
            {
                case VaultRenewal.Renewed:
                    BotMetrics.VaultRenewals.WithLabels("renewed").Inc();
                    logger.LogDebug("Vault token renewed");
                    break;
                case VaultRenewal.LoggedIn:
                    BotMetrics.VaultRenewals.WithLabels("logged_in").Inc();
                    logger.LogInformation("Vault token could not be renewed further; logged in to Vault again");
                    break;
            }
        }
        catch (VaultException ex)
        {
            BotMetrics.VaultFailures.WithLabels("renew").Inc();
            logger.LogWarning("Vault token renewal failed, next try at {RetryAt}: {Error}", tokens.RenewAt, ex.Message);
        }
    }
}
