using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Bot.Features.Audit;

/// <summary>
/// A mutating request whose process died between its write-ahead record and its outcome stays <c>Started</c>
/// forever. This sweep appends an <see cref="AuditOutcome.Unknown"/> entry under the same request id (the chain stays
/// append-only), posts it to the audit channel, and so turns "still running?" into "check the target". It runs once
/// at start-up and then periodically, and only touches requests older than <see cref="AuditOptions.OrphanAfter"/>.
/// </summary>
public sealed class AuditOrphanSweep(
    IAuditLog log,
    AuditLines lines,
    OutboxSignal outbox,
    IOptions<AuditOptions> options,
    TimeProvider clock,
    ILogger<AuditOrphanSweep> logger) : BackgroundService
{
    public const string ProcessEnded = "the process ended before it reported; check the target";

    /// <summary>How many of the newest requests one sweep looks at.</summary>
    private const int Window = 5_000;

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - options.Value.OrphanAfter;
        var records = await log.QueryAsync(new AuditQuery(Window), cancellationToken);
        var orphans = records.Where(r => r.Outcome == AuditOutcome.Started && r.At <= cutoff).OrderBy(r => r.At).ToList();
        if (orphans.Count == 0)
        {
            return 0;
        }

        var appends = orphans.Select(r =>
        {
            var marked = r with
            {
                At = AuditChain.Normalize(now),
                Outcome = AuditOutcome.Unknown,
                Error = ProcessEnded,
                DurationMs = (long)(now - r.At).TotalMilliseconds,
            };
            var text = AuditLines.Render(marked);
            return new AuditAppend(marked, lines.Destinations().Select(d => new OutboxMessage(d, text)).ToList());
        }).ToList();
        await log.AppendBatchAsync(appends, cancellationToken);
        outbox.Notify();
        foreach (var orphan in orphans)
        {
            logger.LogWarning("Request {RequestId} ({Command}) started at {At} and never reported; marked outcome unknown", orphan.RequestId, orphan.ParsedRequest, orphan.At);
        }

        return orphans.Count;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(clock, options.Value.OrphanSweepInterval, runAtStart: true, async ct =>
        {
            try
            {
                await SweepAsync(ct);
            }
            catch (AuditStoreUnavailableException ex)
            {
                logger.LogWarning("Orphan sweep skipped: {Reason}", ex.Message);
            }
        }, stoppingToken);
}
