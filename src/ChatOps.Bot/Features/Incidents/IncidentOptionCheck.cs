namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// The global <c>--incident</c> option must name an incident that exists and is open, else nothing runs: a typo
/// would otherwise run the command and silently leave it off the timeline the person meant. An approved request
/// that runs after its incident was resolved still runs (the approval bound it while it was open); incident
/// commands apply their own rules to resolved incidents.
/// </summary>
public sealed class IncidentOptionCheck(IIncidentStore store) : IGlobalOptionCheck
{
    public ValueTask<string?> CheckAsync(IOperation operation, CancellationToken cancellationToken) =>
        operation.Command.Incident is { } id ? CheckAsync(operation, id, cancellationToken) : default;

    private async ValueTask<string?> CheckAsync(IOperation operation, string id, CancellationToken cancellationToken)
    {
        var incident = await store.GetIncidentAsync(id, cancellationToken);
        if (incident is null)
        {
            return $"no incident {id} (named by --incident); nothing was run. `incident list` shows them";
        }

        return !incident.IsOpen && operation is not IIncidentRequest and not IDangerous { Approval: not null }
            ? $"{id} is resolved, so its timeline is closed; nothing was run. Drop --incident to run it anyway"
            : null;
    }
}
