using ChatOps.Bot.Diagnostics;

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
    ChatOpsMetrics metrics,
    ILogger<VaultRefreshService> logger,
    IStartupValidator? validator = null) : BackgroundService
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
        IReadOnlyList<string> changed;
        try
        {
            // The reload inside runs every IOptionsMonitor's re-validation; a refused value throws out of it.
            changed = await provider.RefreshAsync(cancellationToken);
            if (changed.Count > 0)
            {
                validator?.Validate();
            }
        }
        catch (Exception ex) when (InvalidKeys(ex) is { Count: > 0 } invalid)
        {
            // A rotated value the options validators refuse would fail every consumer of it: the last good values
            // serve on. Only the keys are logged, as some failure reasons quote the value.
            provider.Revert();
            metrics.VaultFailed("invalid");
            logger.LogWarning("Vault secrets changed but fail validation at {Keys}; keeping the last values", string.Join(", ", invalid));
            return options.RefreshInterval;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong, the bot keeps serving on the last values. A VaultException's message names paths
            // and statuses, never tokens or secret data.
            metrics.VaultFailed("read");
            logger.LogWarning("Vault refresh failed, keeping the last values: {Error}", Describe(ex));
            return options.RefreshInterval < RetryDelay ? options.RefreshInterval : RetryDelay;
        }

        metrics.VaultSecretsRead(clock.GetUtcNow());
        if (changed.Count > 0)
        {
            logger.LogInformation("Vault secrets changed; configuration reloaded for {Keys}", string.Join(", ", changed));
        }

        return options.RefreshInterval;
    }

    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            switch (await tokens.RenewIfDueAsync(cancellationToken))
            {
                case VaultRenewal.Renewed:
                    metrics.VaultTokenRenewed("renewed");
                    logger.LogDebug("Vault token renewed");
                    break;
                case VaultRenewal.LoggedIn:
                    metrics.VaultTokenRenewed("logged_in");
                    logger.LogInformation("Vault token could not be renewed further; logged in to Vault again");
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.VaultFailed("renew");
            logger.LogWarning("Vault token renewal failed, next try at {RetryAt}: {Error}", tokens.RenewAt, Describe(ex));
        }
    }

    /// <summary>The configuration keys an options-validation or binding failure names; empty for any other failure.</summary>
    private static List<string> InvalidKeys(Exception ex) => ex switch
    {
        OptionsValidationException v => v.Failures.Select(f => f.Split(": ", 2)[0]).ToList(),
        AggregateException a => a.InnerExceptions.SelectMany(InvalidKeys).Distinct(StringComparer.Ordinal).ToList(),

        // The binder's message quotes the value; keep only the key it names.
        InvalidOperationException when ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            [System.Text.RegularExpressions.Regex.Match(ex.Message, "at '([^']+)'").Groups[1].Value],
        _ => [],
    };

    private static string Describe(Exception ex) => ex is VaultException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
}
