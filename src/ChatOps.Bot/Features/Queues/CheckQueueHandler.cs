namespace ChatOps.Bot.Features.Queues;

public sealed class CheckQueueHandler(IQueueBroker broker, IBrokerTargets targets) : IRequestHandler<CheckQueueQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(CheckQueueQuery request, CancellationToken cancellationToken)
    {
        var name = request.Broker!;
        var detail = await broker.GetQueueAsync(name, request.Queue, cancellationToken);
        if (detail is null)
        {
            var names = (await broker.ListQueuesAsync(name, cancellationToken)).Select(q => q.Name);
            return OperationResult.Failure(QueueText.Unknown(request.Queue, name, names));
        }

        return Describe(name, detail, targets.WarningDepth(name, detail.Stats.Name));
    }

    private static OperationResult Describe(string broker, QueueDetail detail, long warningDepth)
    {
        var q = detail.Stats;
        var problems = QueueText.Problems(q, warningDepth).ToList();
        var dlqDepth = detail.DeadLetter?.Queues.Sum(d => d.Messages) ?? 0;
        if (dlqDepth > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"DLQ not empty ({dlqDepth})"));
        }

        var verdict = problems.Count == 0 ? "healthy" : string.Join("; ", problems);
        var stats = q.Counters is { } c
            ? string.Create(CultureInfo.InvariantCulture,
                $"depth {q.Messages} (in flight {q.Unacknowledged}, warning above {warningDepth}), consumers {q.Consumers}, producers {c.Producers}, " +
                $"enqueued {c.Enqueued}, dequeued {c.Dequeued}, expired {c.Expired}")
            : string.Create(CultureInfo.InvariantCulture,
                $"depth {q.Messages} (ready {q.Ready}, unacked {q.Unacknowledged}, warning above {warningDepth}), consumers {q.Consumers}, " +
                $"publish {QueueText.Rate(q.PublishRate)}/s, deliver {QueueText.Rate(q.DeliverRate)}/s");
        var deadLetter = DeadLetter(detail.DeadLetter);
        return OperationResult.Success($"queue {q.Name} on {broker}: {verdict}\n{stats}\ndead-letter: {deadLetter}") with
        {
            Severity = problems.Count == 0 ? Severity.Success : Severity.Warning,
            Title = $"Queue {q.Name} on {broker}",
            Fields = [new("Verdict", verdict, Short: false), .. Figures(q), new("DLQ depth", detail.DeadLetter is { Unresolved: null } ? QueueText.Count(dlqDepth) : "-")],
        };
    }

    /// <summary>Depth and consumers from every broker; then ActiveMQ's lifetime counters, or RabbitMQ's rates.</summary>
    private static IEnumerable<ResultField> Figures(QueueStats q) =>
    [
        new("Depth", QueueText.Count(q.Messages)),
        new(q.Counters is null ? "Unacked" : "In flight", QueueText.Count(q.Unacknowledged)),
        new("Consumers", QueueText.Count(q.Consumers)),
        .. q.Counters is { } c
            ? (ResultField[])
            [
                new("Producers", QueueText.Count(c.Producers)),
                new("Enqueued", QueueText.Count(c.Enqueued)),
                new("Dequeued", QueueText.Count(c.Dequeued)),
                new("Expired", QueueText.Count(c.Expired)),
            ]
            : [new("Publish/s", QueueText.Rate(q.PublishRate)), new("Deliver/s", QueueText.Rate(q.DeliverRate))],
    ];

    private static string DeadLetter(DeadLetterTarget? target)
    {
        if (target is null)
        {
            return "none configured";
        }

        if (target.Exchange is null)
        {
            if (target.Unresolved is { } unknown)
            {
                return $"its dead-letter queue cannot be resolved ({unknown})";
            }

            return target.Queues.Count == 0
                ? "no dead-letter queue exists yet (ActiveMQ creates it on the first dead letter)"
                : string.Join(", ", target.Queues.Select(d => string.Create(CultureInfo.InvariantCulture, $"queue {d.Name} ({d.Messages} messages)")));
        }

        var exchange = target.Exchange.Length == 0 ? "the default exchange" : $"exchange {target.Exchange}";
        if (target.Unresolved is { } why)
        {
            return $"{exchange}; its queue cannot be resolved ({why})";
        }

        return target.Queues.Count == 0
            ? $"{exchange}, which routes them to no queue (dead-lettered messages are dropped)"
            : $"{exchange} → {string.Join(", ", target.Queues.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Name} ({d.Messages} messages)")))}";
    }
}
