using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Bot.Features.Silences;

/// <summary>
/// The bot ending an <c>--until-resolved</c> silence is a change nobody typed, so it is audited like a typed
/// <c>silence expire</c>: a write-ahead record before the call, the outcome after, and a line in the audit channel.
/// The actor is the bot itself (<see cref="Platform"/>:<see cref="Actor"/>); who muted the alerts stays in the silence.
/// </summary>
public sealed class SilenceExpiryAudit(IAuditLog log, AuditLines lines, OutboxSignal outbox, TimeProvider clock)
{
    public const string Platform = "bot";

    public const string Actor = "until-resolved";

    /// <summary>
    /// Runs <paramref name="expire"/> between the two records. Without the write-ahead record nothing is expired (the
    /// silence simply lasts until its end, the safe side): <see cref="AuditStoreUnavailableException"/> escapes.
    /// </summary>
    public async Task<bool> ExpireAsync(string alertmanager, string silenceId, Func<Task<bool>> expire, CancellationToken cancellationToken)
    {
        var command = $"silence expire {silenceId} --alertmanager {alertmanager}";
        var id = RequestIds.New();
        var started = new AuditRecord(id, AuditChain.Normalize(clock.GetUtcNow()), Platform, Actor, "chatops", Platform,
            command, command, alertmanager, AuditDecision.Pending, null, AuditOutcome.Started, null, 0, id);
        await log.AppendAsync(started, [], cancellationToken);
        try
        {
            var expired = await expire();
            // Another replica's pass (or a person) ended it first: that one is audited already, so no second channel line.
            await FinishAsync(started, expired ? AuditOutcome.Succeeded : AuditOutcome.NotRun, expired ? null : "already expired", post: expired, cancellationToken);
            return expired;
        }
        catch (PortFailure ex)
        {
            await FinishAsync(started, AuditOutcome.Failed, ex.Message, post: true, cancellationToken);
            throw;
        }
    }

    private async Task FinishAsync(AuditRecord started, AuditOutcome outcome, string? error, bool post, CancellationToken cancellationToken)
    {
        var now = AuditChain.Normalize(clock.GetUtcNow());
        var record = started with
        {
            At = now,
            Decision = outcome == AuditOutcome.NotRun ? AuditDecision.Pending : AuditDecision.Allowed,
            Outcome = outcome,
            Error = error,
            DurationMs = (long)(now - started.At).TotalMilliseconds,
        };
        var text = AuditLines.Render(record);
        await log.AppendAsync(record, post ? [.. lines.Destinations().Select(d => new OutboxMessage(d, text))] : [], cancellationToken);
        if (post)
        {
            outbox.Notify();
        }
    }
}
