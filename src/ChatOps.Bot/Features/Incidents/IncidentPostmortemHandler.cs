namespace ChatOps.Bot.Features.Incidents;

public sealed class IncidentPostmortemHandler(IIncidentStore store, IncidentLookup lookup, TimeProvider clock)
    : IRequestHandler<IncidentPostmortemQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(IncidentPostmortemQuery request, CancellationToken cancellationToken)
    {
        var (incident, error) = await lookup.FindAsync(request, cancellationToken);
        if (incident is null)
        {
            return error!;
        }

        var timeline = await store.GetTimelineAsync(incident.Id, cancellationToken);
        var markdown = Postmortem.Render(incident, timeline, clock.GetUtcNow());
        return OperationResult.Success(markdown) with { Title = $"Postmortem draft: {IncidentText.Title(incident)}" };
    }
}
