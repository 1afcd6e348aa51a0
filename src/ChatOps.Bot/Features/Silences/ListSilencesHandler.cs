namespace ChatOps.Bot.Features.Silences;

public sealed class ListSilencesHandler(IAlertSilences silences) : IRequestHandler<ListSilencesQuery, OperationResult>
{
    private const int MaxRows = 50;

    public async ValueTask<OperationResult> Handle(ListSilencesQuery request, CancellationToken cancellationToken)
    {
        var am = request.Alertmanager!;
        var shown = (await silences.ListAsync(am, cancellationToken))
            .Where(s => request.All || !s.IsExpired)
            .OrderBy(s => s.IsExpired)
            .ThenBy(s => s.IsExpired ? -s.EndsAt.UtcTicks : s.EndsAt.UtcTicks)
            .ToList();
        if (shown.Count == 0)
        {
            return OperationResult.Success(request.All ? $"no silences on {am}" : $"no active or pending silences on {am}");
        }

        var rows = shown.Take(MaxRows).Select(s => (IReadOnlyList<string>)
            [s.Id, SilenceMatchers.Format(s.Matchers), s.State, SilenceText.Time(s.EndsAt), s.CreatedBy, s.Comment]).ToList();
        var caption = shown.Count > MaxRows ? $"first {MaxRows} of {shown.Count}" : null;
        var kind = request.All ? "silence(s)" : "active or pending silence(s)";
        var head = string.Create(CultureInfo.InvariantCulture, $"{shown.Count} {kind} on {am}");
        var table = new ResultTable(["Id", "Matchers", "State", "Ends", "Created by", "Comment"], rows, caption);
        return OperationResult.Success($"{head}{(caption is null ? string.Empty : $"; {caption}")}\n{TextTable.Render(table)}") with
        {
            Summary = head,
            Tables = [table],
        };
    }
}
