using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Bot.Features.Audit;

/// <summary>
/// Posts the chain head (sequence and hash) to the audit channel and the log every
/// <see cref="AuditOptions.HeadInterval"/> when it moved, and once at shutdown. A head that left the database cannot
/// be taken back by whoever edits the database: <c>audit verify --against</c> then shows a truncated or rewritten
/// chain. Replicas sharing a store claim each head as an idempotency key, so one head is posted once.
/// </summary>
public sealed class AuditHeadPublisher(
    IAuditLog log,
    IOutboxStore outbox,
    IIdempotencyStore claims,
    AuditLines lines,
    OutboxSignal signal,
    IOptions<AuditOptions> options,
    TimeProvider clock,
    ILogger<AuditHeadPublisher> logger) : BackgroundService
{
    /// <summary>Long enough that no replica posts a head again while the head stands still for days.</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromDays(30);

    private long _lastPosted = -1;

    public static string Line(AuditEntry head) => string.Create(
        CultureInfo.InvariantCulture,
        $"audit head #{head.Sequence} {head.Hash[..12]}… (check later with `audit verify --against {head.Sequence}:{head.Hash}`)");

    /// <summary>Posts the head if it moved since this replica last posted and no other replica posted it. True when posted.</summary>
    public async Task<bool> PublishAsync(CancellationToken cancellationToken)
    {
        var head = await log.HeadAsync(cancellationToken);
        if (head is null || head.Sequence == _lastPosted)
        {
            return false;
        }

        _lastPosted = head.Sequence;
        var now = clock.GetUtcNow();
        var id = string.Create(CultureInfo.InvariantCulture, $"audit-head:{head.Sequence}:{head.Hash}");
        if (!await claims.TryClaimAsync(id, now, now + ClaimFor, cancellationToken))
        {
            return false;
        }

        var text = Line(head);
        await outbox.EnqueueAsync(id, lines.Destinations().Select(d => new OutboxMessage(d, text)).ToList(), now, cancellationToken);
        signal.Notify();
        logger.LogInformation("Audit head #{Sequence} {Hash}", head.Sequence, head.Hash);
        return true;
    }

    // On shutdown StopAsync posts the final head.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(clock, options.Value.HeadInterval, runAtStart: false, TryPublishAsync, stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await TryPublishAsync(cancellationToken);
    }

    private async Task TryPublishAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PublishAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is AuditStoreUnavailableException or OperationCanceledException)
        {
            logger.LogWarning("Audit head not published: {Reason}", ex.Message);
        }
    }
}
