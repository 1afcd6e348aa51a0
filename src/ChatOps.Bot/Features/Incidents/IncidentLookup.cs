namespace ChatOps.Bot.Features.Incidents;

/// <summary>Finds the incident a command is about: the given id (or <c>--incident</c>), else the open incident declared in this channel.</summary>
public sealed class IncidentLookup(IIncidentStore store)
{
    public async Task<(Incident? Incident, OperationResult? Error)> FindAsync(IIncidentTargeted request, CancellationToken cancellationToken)
    {
        // `--incident` names the incident too; given with a different id, one of them is a mistake.
        if (request.Id is { } given && request.Command.Incident is { } named && IncidentIds.TryNormalize(given, out var normalized)
            && normalized != named)
        {
            return (null, OperationResult.Invalid($"{given} and --incident {named} name two incidents; give one"));
        }

        if ((request.Id ?? request.Command.Incident) is { } id)
        {
            return await store.GetIncidentAsync(id, cancellationToken) is { } incident
                ? (incident, null)
                : (null, OperationResult.Failure($"no incident {id}; `incident list` shows them"));
        }

        return await store.FindOpenIncidentAsync(request.Context.ChannelId, cancellationToken) is { } open
            ? (open, null)
            : (null, OperationResult.Invalid(
                $"no open incident in this channel: give its id, e.g. `{request.Command.Name} INC-{request.Context.ReceivedAt.UtcDateTime.Year}-0001 ...`"));
    }
}

/// <summary>Severity, commander and resolve belong to the incident's commander; an admin may step in.</summary>
public sealed class IncidentAuthority(RolePolicy policy)
{
    public async Task<OperationResult?> DenialAsync(Incident incident, ChatContext context, string what, CancellationToken cancellationToken)
    {
        if (IncidentUsers.Is(context, incident.Commander) ||
            await policy.RoleForAsync(context, TargetScope.Global, cancellationToken) >= Role.Admin)
        {
            return null;
        }

        return OperationResult.Denied(
            $"denied: only the commander of {incident.Id} ({IncidentUsers.Show(incident.CommanderName)}) or an admin may {what}");
    }

    public static OperationResult? Closed(Incident incident) => incident.IsOpen
        ? null
        : OperationResult.Invalid($"{incident.Id} is resolved; nothing was changed");
}
