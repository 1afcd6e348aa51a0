using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Bot.Features.BreakGlass;

/// <summary>
/// Says when a break-glass elevation ends on its own, where its grant was announced: the audit destinations and the
/// security channel. Expiry needs nothing to run to take effect (it is a comparison in the store); this only tells
/// people. Every replica runs one; the store's claim makes each expiry announced once between them.
/// </summary>
public sealed class ElevationExpiryAnnouncer(
    IElevationExpiryStore elevations,
    AuditLines lines,
    IOptionsMonitor<AuditOptions> audit,
    OutboxSignal outbox,
    TimeProvider clock,
    ILogger<ElevationExpiryAnnouncer> logger) : BackgroundService
{
    public const int BatchSize = 50;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>One pass: announces the expiries not announced yet; returns those this replica announced.</summary>
    public async Task<IReadOnlyList<Elevation>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var announced = await elevations.AnnounceExpiredElevationsAsync(clock.GetUtcNow(), BatchSize, Announcement, cancellationToken);
        if (announced.Count > 0)
        {
            outbox.Notify();
        }

        return announced;
    }

    public static ChatText Line(Elevation e) =>
        ChatText.Of($"{ChatText.Bot("break-glass")} {e.Id} for {e.Subject} ({RolePolicy.Describe(e.Role)} {e.AsGrant().Where}) expired");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(clock, Interval, runAtStart: true, async ct =>
        {
            try
            {
                await RunOnceAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The claim and its lines commit together, so an expiry missed now is announced on a later pass.
                logger.LogWarning("Announcing expired elevations failed: {Reason}", ex.Message);
            }
        }, stoppingToken);

    private IReadOnlyList<OutboxMessage> Announcement(Elevation e)
    {
        var destinations = lines.Destinations();
        if (audit.CurrentValue.SecurityChannel is { Length: > 0 } security)
        {
            destinations = [.. destinations.Append(security).Distinct(StringComparer.Ordinal)];
        }

        var text = Line(e);
        return destinations.Select(d => new OutboxMessage(d, text)).ToList();
    }
}
