namespace ChatOps.Bot.Features.Queues;

public sealed class ListQueuesHandler(IQueueBroker broker, IBrokerTargets targets) : IRequestHandler<ListQueuesQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(ListQueuesQuery request, CancellationToken cancellationToken)
    {
        var name = request.Broker!;
        var queues = await broker.ListQueuesAsync(name, cancellationToken);
        if (queues.Count == 0)
        {
            return OperationResult.Success($"no queues on broker {name}");
        }

        var sorted = queues.OrderByDescending(q => q.Messages).ThenBy(q => q.Name, StringComparer.Ordinal).ToList();
        var flagged = sorted.Count(q => QueueText.Problems(q, targets.WarningDepth(name, q.Name)).Count > 0);
        var shown = sorted.Take(request.Limit).ToList();
        var caption = string.Create(CultureInfo.InvariantCulture,
            $"{(shown.Count < sorted.Count ? $"{shown.Count} of " : string.Empty)}{sorted.Count} queue(s) on broker {name}, deepest first; {flagged} flagged");
        var table = new ResultTable(QueueText.Columns, shown.Select(q => QueueText.Row(q, targets.WarningDepth(name, q.Name))).ToList(), caption);
        return OperationResult.Success($"{caption}\n{TextTable.Render(table)}") with { Title = $"Queues on {name}", Summary = string.Empty, Tables = [table] };
    }
}
