namespace ChatOps.Bot.Features.Silences;

/// <summary>
/// Ends <c>--until-resolved</c> silences early. Alertmanager cannot tie a silence to its alerts, and a muted alert's
/// resolution is muted too, so no notification would tell the bot: every <see cref="Interval"/> it asks each
/// Alertmanager which marked silences still match a firing alert and expires those that match none. The silence's own
/// end stays the upper bound when the bot is down.
/// </summary>
public sealed class ResolvedSilenceExpirer(
    IAlertSilences silences, IAlertmanagerTargets targets, SilenceExpiryAudit audit, TimeProvider clock, ILogger<ResolvedSilenceExpirer> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>One pass over every configured Alertmanager; answers how many silences it expired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        foreach (var am in targets.Names)
        {
            try
            {
                expired += await SweepAsync(am, cancellationToken);
            }
            catch (PortFailure ex)
            {
                // The next pass tries again; until then the silence simply lasts, which is the safe side.
                logger.LogWarning("Could not check until-resolved silences on Alertmanager {Alertmanager}: {Reason}", am, ex.Message);
            }
            catch (AuditStoreUnavailableException ex)
            {
                logger.LogWarning("Not expiring until-resolved silences on Alertmanager {Alertmanager}: the audit store is unavailable ({Reason})", am, ex.Message);
            }
        }

        return expired;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(clock, Interval, runAtStart: false, async ct =>
        {
            try
            {
                await SweepAsync(ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // A failure escaping a background service stops the whole host; the silence's own end is the bound.
                logger.LogWarning("Until-resolved silence sweep failed: {Reason}", ex.Message);
            }
        }, stoppingToken);

    private async Task<int> SweepAsync(string am, CancellationToken cancellationToken)
    {
        var marked = (await silences.ListAsync(am, cancellationToken))
            .Where(s => string.Equals(s.State, "active", StringComparison.Ordinal)
                && s.Comment.EndsWith(SilenceText.UntilResolvedMark, StringComparison.Ordinal));
        var expired = 0;
        foreach (var silence in marked)
        {
            if ((await silences.FiringAsync(am, silence.Matchers, cancellationToken)).Count > 0)
            {
                continue;
            }

            if (await audit.ExpireAsync(am, silence.Id, () => silences.ExpireAsync(am, silence.Id, cancellationToken), cancellationToken))
            {
                expired++;
                logger.LogInformation("Expired silence {Silence} on {Alertmanager} ({Matchers}, by {CreatedBy}): none of its alerts fires any more",
                    silence.Id, am, SilenceMatchers.Format(silence.Matchers), silence.CreatedBy);
            }
        }

        return expired;
    }
}
