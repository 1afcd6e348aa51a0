namespace ChatOps.Bot.Features.Audit;

/// <summary>
/// Audits a busy refusal through the held-records path (<see cref="PendingAuditRecords"/>): the record joins the
/// queue the flusher and the next command write in groups, so a flood of refusals costs one append per group, not
/// one per request. It posts no audit-channel line: the refusals come in floods, and the channel would drown in them
/// just when people need it; the log and <c>chatops_commands_overloaded_total</c> show the flood.
/// </summary>
public sealed class OverloadAudit(PendingAuditRecords pending, TimeProvider clock) : IOverloadAudit
{
    public bool Refused(string text, ChatContext context, int keepFree)
    {
        var record = new AuditRecord(
            context.CorrelationId, AuditChain.Normalize(clock.GetUtcNow()), context.Platform, context.UserId, context.UserName,
            context.ChannelId, text, string.Empty, null, AuditDecision.Denied, null, AuditOutcome.NotRun, IOverloadAudit.Error, 0,
            context.CorrelationId);
        return pending.TryHoldSpare(new AuditAppend(record, []), keepFree);
    }
}
