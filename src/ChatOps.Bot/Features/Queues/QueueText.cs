namespace ChatOps.Bot.Features.Queues;

/// <summary>How queues read in chat, and the flags and verdicts every queue command agrees on.</summary>
internal static class QueueText
{
    public static readonly string[] Columns = ["queue", "depth", "ready", "unacked", "consumers", "publish/s", "deliver/s", "flag"];

    public static IReadOnlyList<string> Row(QueueStats q, long warningDepth) =>
    [
        q.Name,
        Count(q.Messages),
        Count(q.Ready),
        Count(q.Unacknowledged),
        Count(q.Consumers),
        Rate(q.PublishRate),
        Rate(q.DeliverRate),
        string.Join("; ", Problems(q, warningDepth)),
    ];

    /// <summary>Why the queue needs a look: a backlog over its warning depth, messages nobody consumes. Empty when healthy.</summary>
    public static IReadOnlyList<string> Problems(QueueStats q, long warningDepth)
    {
        var problems = new List<string>();
        if (q.Messages > warningDepth)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"backlog over threshold ({q.Messages} > {warningDepth})"));
        }

        if (q.Messages > 0 && q.Consumers == 0)
        {
            problems.Add("no consumers");
        }

        return problems;
    }

    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Rate(double? value) => value is { } r ? r.ToString("0.##", CultureInfo.InvariantCulture) : "-";

    /// <summary>The unknown-queue answer, with the broker's closest queue names.</summary>
    public static string Unknown(string queue, string broker, IEnumerable<string> names)
    {
        var close = Suggestions.Closest(queue, names);
        var hint = close.Count == 0 ? string.Empty : $"; did you mean {string.Join(", ", close.Select(n => $"`{n}`"))}?";
        return $"there is no queue '{Short(queue)}' on broker {broker}{hint}";
    }

    public static string Short(string value) => value.Length <= 60 ? value : value[..59] + "…";
}
