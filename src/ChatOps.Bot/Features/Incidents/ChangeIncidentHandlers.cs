namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// Update, severity, commander and resolve: find the incident, check who may act, then write the change and its
/// timeline entry together. Each step after an update restarts the next-update clock from now.
/// </summary>
public sealed class ChangeIncidentHandlers(
    IIncidentStore store, IncidentLookup lookup, IncidentAuthority authority, IncidentSchedule schedule, IncidentChannelSync channel,
    IncidentUserResolver users, TimeProvider clock) :
    IRequestHandler<UpdateIncidentCommand, OperationResult>,
    IRequestHandler<ChangeSeverityCommand, OperationResult>,
    IRequestHandler<ChangeCommanderCommand, OperationResult>,
    IRequestHandler<ResolveIncidentCommand, OperationResult>
{
    public ValueTask<OperationResult> Handle(UpdateIncidentCommand request, CancellationToken cancellationToken) =>
        ChangeAsync(request, ownerOnly: null, NoCheck, (incident, now) =>
        {
            var status = request.Status is { } s && s != incident.Status ? $" (status {IncidentText.Status(s)})" : string.Empty;
            return (new IncidentChange(incident.Id, Entry(request, now, TimelineKind.Update, request.Text + status))
            {
                Status = request.Status,
                NextUpdateAt = schedule.NextUpdate(incident.Severity, now),
            }, $"updated {incident.Id}{status}: {request.Text}");
        }, cancellationToken);

    public ValueTask<OperationResult> Handle(ChangeSeverityCommand request, CancellationToken cancellationToken) =>
        ChangeAsync(request, "change its severity", NoCheck, (incident, now) =>
        {
            var severity = IncidentSchedule.NormalizeSeverity(request.Severity)!;
            var text = $"severity {incident.Severity} → {severity}";
            return (new IncidentChange(incident.Id, Entry(request, now, TimelineKind.Severity, text))
            {
                Severity = severity,
                NextUpdateAt = schedule.NextUpdate(severity, now),
            }, $"{incident.Id}: {text}");
        }, cancellationToken);

    public async ValueTask<OperationResult> Handle(ChangeCommanderCommand request, CancellationToken cancellationToken)
    {
        IncidentPerson? commander = null;
        return await ChangeAsync(request, "hand over command", async incident =>
        {
            // Resolved only once the requester may hand over: nobody else gets to probe the directory through it.
            var (person, error) = await users.ResolveAsync(
                request.Commander!, IncidentUsers.UserPlatform(incident.Platform), request.Context, "the new commander", cancellationToken);
            commander = person;
            return person is null ? OperationResult.Invalid(error!) : null;
        }, (incident, now) =>
        {
            var text = $"commander {IncidentUsers.Show(incident.CommanderName)} → {IncidentUsers.Show(commander!.Name)}";
            return (new IncidentChange(incident.Id, Entry(request, now, TimelineKind.Commander, text))
            {
                Commander = commander.Key,
                CommanderName = commander.Name,
            }, $"{incident.Id}: {text}");
        }, cancellationToken, () => IncidentUsers.LocalId(commander!.Key));
    }

    public ValueTask<OperationResult> Handle(ResolveIncidentCommand request, CancellationToken cancellationToken) =>
        ChangeAsync(request, "resolve it", NoCheck, (incident, now) =>
        {
            var text = request.Summary is { Length: > 0 } summary ? $"resolved: {summary}" : "resolved";
            return (new IncidentChange(incident.Id, Entry(request, now, TimelineKind.Resolve, text))
            {
                Status = IncidentStatus.Resolved,
                ResolvedAt = now,
            }, $"{incident.Id} {text}");
        }, cancellationToken);

    private static readonly Func<Incident, Task<OperationResult?>> NoCheck = _ => Task.FromResult<OperationResult?>(null);

    private async ValueTask<OperationResult> ChangeAsync(
        IIncidentTargeted request, string? ownerOnly, Func<Incident, Task<OperationResult?>> check,
        Func<Incident, DateTimeOffset, (IncidentChange Change, string Text)> change, CancellationToken cancellationToken,
        Func<string>? newMember = null)
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

        if (await check(incident) is { } refused)
        {
            return refused;
        }

        var (next, text) = change(incident, clock.GetUtcNow());
        var changed = await store.ChangeIncidentAsync(next, cancellationToken);
        if (changed is null)
        {
            return OperationResult.Failure($"{incident.Id} disappeared from the store");
        }

        var note = await channel.AfterChangeAsync(changed, newMember?.Invoke(), cancellationToken);
        return IncidentText.Card(changed, note is null ? text : $"{text}; {note}");
    }

    private static TimelineEntry Entry(IOperation request, DateTimeOffset now, TimelineKind kind, string text) =>
        new(now, request.Context.UserName, kind, text);
}
