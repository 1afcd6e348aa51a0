using ChatOps.Bot.Diagnostics;

namespace ChatOps.Bot.Features.Audit.Outbox;

/// <summary>
/// Delivers queued audit-channel lines, in order per destination. Items are leased, so several replicas share the
/// work without sending a line twice; a failed post is retried with exponential backoff and jitter until it goes
/// through, and the lines behind it wait for it.
/// </summary>
public sealed class OutboxWorker(
    IOutboxStore outbox,
    IApprovalStore approvals,
    IEnumerable<IChatPlatform> platforms,
    IOptionsMonitor<OutboxOptions> options,
    OutboxSignal signal,
    TimeProvider clock,
    ChatOpsMetrics metrics,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private readonly string _workerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    private readonly Dictionary<string, IChatPlatform> _platforms = platforms.ToDictionary(p => p.Name, StringComparer.Ordinal);

    // The poll loop and a caller flushing before shutdown (the console) share one worker id, so without this a flush
    // could find every line already leased to the loop, return at once, and the loop would post after the flush.
    private readonly SemaphoreSlim _oneBatch = new(1, 1);
    private DateTimeOffset _gaugesReadAt = DateTimeOffset.MinValue;

    /// <summary>
    /// Delivers one batch of due lines; returns how many were delivered. A batch this worker is already posting finishes
    /// first, so when this returns, every line claimed before the call has been posted or given back.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await _oneBatch.WaitAsync(cancellationToken);
        try
        {
            return await DeliverBatchAsync(cancellationToken);
        }
        finally
        {
            _oneBatch.Release();
        }
    }

    public override void Dispose()
    {
        _oneBatch.Dispose();
        base.Dispose();
    }

    private async Task<int> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var claimedAt = clock.GetUtcNow();
        var items = await outbox.ClaimDueAsync(_workerId, o.BatchSize, o.Lease, claimedAt, cancellationToken);

        // Once the lease ends another replica may claim the same lines, so this worker stops posting a safety margin
        // before: a slow batch (Slack's 429 + Retry-After, a slow API) would otherwise post lines twice.
        var leaseDeadline = claimedAt + o.Lease - o.Lease / 5;
        var delivered = 0;
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var (platformName, channel) = Split(item.Destination);
            var timeLeft = leaseDeadline - clock.GetUtcNow();
            if (blocked.Contains(item.Destination) || timeLeft <= TimeSpan.Zero)
            {
                // Queued behind a line that just failed, or the lease is nearly over: give it back so it goes out
                // after that one, in order, from whichever worker claims it next.
                await outbox.ReleaseAsync(item.Id, _workerId, CancellationToken.None);
                continue;
            }

            using var leaseLeft = new CancellationTokenSource(timeLeft, clock);
            try
            {
                if (!_platforms.TryGetValue(platformName, out var platform))
                {
                    throw new InvalidOperationException($"no chat platform '{platformName}' is configured");
                }

                using var post = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leaseLeft.Token);
                await platform.PostAsync(new ChatPost(channel, ChatText.Decode(item.Text)), post.Token);
                await outbox.MarkDeliveredAsync(item.Id, _workerId, clock.GetUtcNow(), CancellationToken.None);
                metrics.OutboxDelivered(platformName);
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var reason = leaseLeft.IsCancellationRequested ? "the lease ran out before the post finished" : ex.Message;
                var retryAt = clock.GetUtcNow() + Backoff(item.Attempts, o.MaxBackoff);
                metrics.OutboxFailed(platformName);
                logger.LogWarning("Audit line {Id} to {Platform} failed (attempt {Attempt}), retrying at {RetryAt:O}: {Reason}",
                    item.Id, platformName, item.Attempts + 1, retryAt, reason);
                await outbox.MarkFailedAsync(item.Id, _workerId, retryAt, reason, CancellationToken.None);
                blocked.Add(item.Destination);
            }
        }

        return delivered;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) > 0)
                {
                }

                await RefreshGaugesIfDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The store being down is an outage the audit path already reports; keep polling until it is back.
                logger.LogWarning("Outbox poll failed: {Reason}", ex.Message);
            }

            try
            {
                await signal.WaitAsync(options.CurrentValue.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>
    /// The backlog and pending-approval gauges, read at most once per poll interval. The loop wakes for every audited
    /// command, and two counting reads per command were a fifth of the store's work under load (issue 19); a gauge that
    /// is scraped every 15 s or more loses nothing. True when it read them.
    /// </summary>
    internal async Task<bool> RefreshGaugesIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _gaugesReadAt < options.CurrentValue.PollInterval)
        {
            return false;
        }

        _gaugesReadAt = now;
        metrics.OutboxBacklog(await outbox.CountBacklogAsync(cancellationToken));
        metrics.PendingApprovals(await approvals.CountPendingAsync(now, cancellationToken));
        return true;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // Lines queued by the last commands before shutdown: one bounded attempt, the rest wait for the next start.
            await DeliverDueAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or AuditStoreUnavailableException)
        {
            logger.LogWarning("Outbox final delivery skipped: {Reason}", ex.Message);
        }
    }

    internal static TimeSpan Backoff(int attempts, TimeSpan max)
    {
        var seconds = Math.Min(max.TotalSeconds, Math.Pow(2, Math.Min(attempts, 20)));
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    private static (string Platform, string Channel) Split(string destination)
    {
        var i = destination.IndexOf(':', StringComparison.Ordinal);
        return i < 0 ? (destination, string.Empty) : (destination[..i], destination[(i + 1)..]);
    }
}
