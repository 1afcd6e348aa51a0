namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// Puts every audited command that concerns an open incident on its timeline: commands that name it (the global
/// <c>--incident</c> option, or an <c>INC-…</c> id anywhere in the text), else commands run in its channel.
/// Incident commands write their own entries.
/// </summary>
public sealed class IncidentTimelineObserver(IIncidentStore store) : IAuditObserver
{
    public async Task OnRecordedAsync(IOperation request, AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(record);
        if (request is IIncidentRequest || record.Outcome == AuditOutcome.Started)
        {
            return;
        }

        var ids = request.Command.Incident is { } named
            ? IncidentIds.FindAll(record.RawText).Prepend(named).Distinct(StringComparer.Ordinal).ToList()
            : IncidentIds.FindAll(record.RawText);
        if (ids.Count == 0 && await IncidentOfChannel.FindAsync(store, record.ChannelId, cancellationToken) is { } here)
        {
            ids = [here.Id];
        }

        if (ids.Count == 0)
        {
            return;
        }

        var entry = new TimelineEntry(record.At, record.UserName, TimelineKind.Operation, $"{record.ParsedRequest} → {Outcome(record)}");
        foreach (var id in ids)
        {
            await store.AppendTimelineAsync(id, entry, cancellationToken);
        }
    }

    public static string Outcome(AuditRecord record) => (record.Decision, record.Outcome) switch
    {
        (AuditDecision.Denied, _) => record.Error is { } e ? (e.StartsWith("denied", StringComparison.Ordinal) ? e : $"denied: {e}") : "denied",
        (AuditDecision.Invalid, _) => "invalid" + (record.Error is { } e ? $": {e}" : string.Empty),
        (AuditDecision.AwaitingApproval, _) => "awaiting approval",
        (_, AuditOutcome.Succeeded) => "succeeded" + (record.Approver is { } a ? $" (approved by {a})" : string.Empty),
        (_, AuditOutcome.Failed) => "failed" + (record.Error is { } e ? $": {e}" : string.Empty),
        _ => record.Outcome.ToString().ToLowerInvariant(),
    };
}
