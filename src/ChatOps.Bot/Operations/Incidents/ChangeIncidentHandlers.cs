using Mediator;

namespace ChatOps.Bot.Operations.Incidents;

/// <summary>
/// Update, severity, commander and resolve: find the incident, check who may act, then write the change and its
/// timeline entry together. Each step after an update restarts the next-update clock from now.
/// </summary>
public sealed class ChangeIncidentHandlers(
    IIncidentStore store, IncidentLookup lookup, IncidentAuthority authority, IncidentSchedule schedule, IncidentChannelSync channel,
    TimeProvider clock) :
    IRequestHandler<UpdateIncidentCommand, OperationResult>,
    IRequestHandler<ChangeSeverityCommand, OperationResult>,
    IRequestHandler<ChangeCommanderCommand, OperationResult>,
    IRequestHandler<ResolveIncidentCommand, OperationResult>
{
    public ValueTask<OperationResult> Handle(UpdateIncidentCommand request, CancellationToken cancellationToken) =>
        ChangeAsync(request, ownerOnly: null, (incident, now) =>
        {
            var status = request.Status is { } s && s != incident.Status ? $" (status {IncidentText.Status(s)})" : string.Empty;
            return (new IncidentChange(incident.Id, Entry(request, now, TimelineKind.Update, request.Text + status))
            {
                Status = request.Status,
                NextUpdateAt = schedule.NextUpdate(incident.Severity, now),
            }, $"updated {incident.Id}{status}");
        }, cancellationToken);

    public ValueTask<OperationResult> Handle(ChangeSeverityCommand request, CancellationToken cancellationToken) =>
        ChangeAsync(request, "change its severity", (incident, now) =>
        {
            var severity = IncidentSchedule.NormalizeSeverity(request.Severity)!;
            var text = $"severity {incident.Severity} → {severity}";
            return (new IncidentChange(incident.Id, Entry(request, now, TimelineKind.Severity, text))
            {
                Severity = severity,
                NextUpdateAt = schedule.NextUpdate(severity, now),
            }, $"{incident.Id}: {text}");
        }, cancellationToken);

    public ValueTask<OperationResult> Handle(ChangeCommanderCommand request, CancellationToken cancellationToken) =>
        ChangeAsync(request, "hand over command", (incident, now) =>
        {
            var commander = IncidentUsers.Normalize(request.Commander)!;
            var text = $"commander {IncidentUsers.Show(incident.Commander)} → {IncidentUsers.Show(commander)}";
            return (new IncidentChange(incident.Id, Entry(request, now, TimelineKind.Commander, text)) { Commander = commander },
                $"{incident.Id}: {text}");
        }, cancellationToken, IncidentUsers.Normalize(request.Commander));

    public ValueTask<OperationResult> Handle(ResolveIncidentCommand request, CancellationToken cancellationToken) =>
        ChangeAsync(request, "resolve it", (incident, now) =>
        {
            var text = request.Summary is { Length: > 0 } summary ? $"resolved: {summary}" : "resolved";
            return (new IncidentChange(incident.Id, Entry(request, now, TimelineKind.Resolve, text))
            {
                Status = IncidentStatus.Resolved,
                ResolvedAt = now,
            }, $"{incident.Id} {text}");
        }, cancellationToken);

    private async ValueTask<OperationResult> ChangeAsync(
        IIncidentTargeted request, string? ownerOnly, Func<Incident, DateTimeOffset, (IncidentChange Change, string Text)> change,
        CancellationToken cancellationToken, string? newMember = null)
    {
        var (incident, error) = await lookup.FindAsync(request, cancellationToken);
        if (incident is null)
        {
            return error!;
        }

        if (IncidentAuthority.Closed(incident) is { } closed)
        {
            return closed;
        }

        if (ownerOnly is not null && await authority.DenialAsync(incident, request.Context, ownerOnly, cancellationToken) is { } denied)
        {
            return denied;
        }

        var (next, text) = change(incident, clock.GetUtcNow());
        var changed = await store.ChangeIncidentAsync(next, cancellationToken);
        if (changed is null)
        {
            return OperationResult.Failure($"{incident.Id} disappeared from the store");
        }

        var note = await channel.AfterChangeAsync(changed, newMember, cancellationToken);
        return IncidentText.Card(changed, note is null ? text : $"{text}; {note}");
    }

    private static TimelineEntry Entry(IOperation request, DateTimeOffset now, TimelineKind kind, string text) =>
        new(now, request.Context.UserName, kind, text);
}
