namespace ChatOps.Bot.Features.Incidents;

public sealed class IncidentQueryHandlers(IIncidentStore store, IncidentLookup lookup) :
    IRequestHandler<ListIncidentsQuery, OperationResult>,
    IRequestHandler<ShowIncidentQuery, OperationResult>
{
    /// <summary>A chat message stays readable; older incidents remain reachable by id.</summary>
    private const int MaxListed = 50;

    public async ValueTask<OperationResult> Handle(ListIncidentsQuery request, CancellationToken cancellationToken)
    {
        var incidents = await store.ListIncidentsAsync(request.OpenOnly, cancellationToken);
        var what = request.OpenOnly ? "open incidents" : "incidents";
        if (incidents.Count == 0)
        {
            return OperationResult.Success($"no {what}");
        }

        var shown = incidents.Take(MaxListed).ToList();
        var noun = incidents.Count == 1 ? what[..^1] : what;
        var caption = string.Create(CultureInfo.InvariantCulture, $"{incidents.Count} {noun}, newest first") +
            (incidents.Count > shown.Count ? string.Create(CultureInfo.InvariantCulture, $" (showing {shown.Count})") : string.Empty);
        var table = new ResultTable(["id", "severity", "status", "title", "commander", "started"],
            shown.Select(i => (IReadOnlyList<string>)
                [i.Id, i.Severity, IncidentText.Status(i.Status), i.Title, IncidentUsers.Show(i.CommanderName), IncidentText.Time(i.StartedAt)]).ToList(),
            caption);
        return OperationResult.Success($"{caption}\n{TextTable.Render(table)}") with { Title = "Incidents", Summary = string.Empty, Tables = [table] };
    }

    public async ValueTask<OperationResult> Handle(ShowIncidentQuery request, CancellationToken cancellationToken)
    {
        var (incident, error) = await lookup.FindAsync(request, cancellationToken);
        if (incident is null)
        {
            return error!;
        }

        var timeline = await store.GetTimelineAsync(incident.Id, cancellationToken);
        var resolved = incident.ResolvedAt is { } at ? $"\nResolved: {IncidentText.Time(at)}" : string.Empty;
        return OperationResult.Success($"{IncidentText.Render(incident)}{resolved}\n{IncidentText.TimelineText(timeline)}") with
        {
            Title = IncidentText.Title(incident),
            Summary = resolved.TrimStart('\n'),
            Fields = IncidentText.Fields(incident),
            Tables = [IncidentText.Timeline(timeline)],
        };
    }
}
