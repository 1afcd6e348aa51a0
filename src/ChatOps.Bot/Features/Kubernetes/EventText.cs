using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>Events as the on-call engineer wants them: repeats folded together, warnings first, newest first.</summary>
public static class EventText
{
    /// <summary>One row per (type, reason, object, message), counts summed, first/last seen widened.</summary>
    public static IReadOnlyList<EventView> Aggregate(IEnumerable<EventView> events) =>
        events.GroupBy(e => (e.Type, e.Reason, e.Object, e.Message))
            .Select(g => new EventView(g.Key.Type, g.Key.Reason, g.Key.Object, g.Key.Message, g.Sum(e => e.Count),
                g.Min(e => e.FirstSeen ?? e.LastSeen), g.Max(e => e.LastSeen ?? e.FirstSeen)))
            .OrderBy(e => e.Type == "Warning" ? 0 : 1)
            .ThenByDescending(e => e.LastSeen)
            .ThenBy(e => e.Reason, StringComparer.Ordinal)
            .ToList();

    public static ResultTable Table(IReadOnlyList<EventView> events, DateTimeOffset now, ISecretRedactor redactor, bool withObject)
    {
        var columns = withObject ? new[] { "TYPE", "REASON", "OBJECT", "COUNT", "LAST SEEN", "FIRST SEEN", "MESSAGE" } : ["TYPE", "REASON", "COUNT", "LAST SEEN", "FIRST SEEN", "MESSAGE"];
        var rows = events.Select(e =>
        {
            var row = new List<string> { e.Type, e.Reason };
            if (withObject)
            {
                row.Add($"{e.Object.Kind.ToLowerInvariant()}/{e.Object.Name}");
            }

            row.AddRange([e.Count.ToString(CultureInfo.InvariantCulture), Ago(e.LastSeen, now), Ago(e.FirstSeen, now), redactor.Redact(e.Message).Text]);
            return (IReadOnlyList<string>)row;
        }).ToList();
        return new ResultTable(columns, rows, "Events");
    }

    private static string Ago(DateTimeOffset? t, DateTimeOffset now) => t is null ? "?" : $"{KubeText.Age(t, now)} ago";
}
