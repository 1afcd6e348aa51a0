namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// The Markdown postmortem draft: everything the bot knows (summary, severity history, impact window, timeline,
/// operations it ran) filled in, and the sections only people can write left as headings with prompts.
/// </summary>
public static class Postmortem
{
    public static string Render(Incident incident, IReadOnlyList<TimelineEntry> timeline, DateTimeOffset now)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Postmortem draft: {incident.Id} — {Cell(incident.Title)}").AppendLine();
        Summary(md, incident, timeline);
        SeverityHistory(md, incident, timeline);
        ImpactWindow(md, incident, timeline, now);
        md.AppendLine("## Timeline").AppendLine();
        Table(md, ["time (UTC)", "who", "what", "details"],
            timeline.Select(e => new[] { IncidentText.Time(e.At), e.Who, e.Kind.ToString().ToLowerInvariant(), e.Text }));
        md.AppendLine("## Operations run by the bot").AppendLine();
        var operations = timeline.Where(e => e.Kind == TimelineKind.Operation).ToList();
        if (operations.Count == 0)
        {
            md.AppendLine("None recorded: no audited command ran in the incident's channel or named it.").AppendLine();
        }
        else
        {
            Table(md, ["time (UTC)", "who", "command", "outcome"], operations.Select(e =>
            {
                var arrow = e.Text.LastIndexOf(" → ", StringComparison.Ordinal);
                return arrow < 0 ? new[] { IncidentText.Time(e.At), e.Who, e.Text, string.Empty }
                    : [IncidentText.Time(e.At), e.Who, $"`{e.Text[..arrow]}`", e.Text[(arrow + 3)..]];
            }));
        }

        md.AppendLine("## Follow-up").AppendLine();
        md.AppendLine("### Root cause").AppendLine().AppendLine("_What failed, and why it was possible._").AppendLine();
        md.AppendLine("### What went well").AppendLine().AppendLine("_Detection, response, tooling that helped._").AppendLine();
        md.AppendLine("### What went wrong").AppendLine().AppendLine("_Gaps in detection, response or communication._").AppendLine();
        md.AppendLine("### Action items").AppendLine();
        md.AppendLine("| action | owner | due |").AppendLine("|---|---|---|").AppendLine("|  |  |  |");
        return md.ToString().TrimEnd() + "\n";
    }

    private static void Summary(StringBuilder md, Incident incident, IReadOnlyList<TimelineEntry> timeline)
    {
        md.AppendLine("## Summary").AppendLine();
        md.AppendLine($"- **Impact:** {incident.Title}");
        md.AppendLine($"- **Severity:** {incident.Severity}");
        md.AppendLine($"- **Status:** {IncidentText.Status(incident.Status)}");
        md.AppendLine($"- **Affected services:** {(incident.Services.Count == 0 ? "not given" : string.Join(", ", incident.Services))}");
        md.AppendLine($"- **Declared by:** {incident.DeclaredBy}, {IncidentText.Time(incident.StartedAt)}");
        md.AppendLine($"- **Incident commander:** {IncidentUsers.Show(incident.CommanderName)}");
        md.AppendLine($"- **Technical lead:** {(incident.Lead is null ? "not assigned" : IncidentUsers.Show(incident.LeadName!))}");
        if (incident.IncidentChannelName is { } channel)
        {
            md.AppendLine($"- **Channel:** #{channel}");
        }

        if (timeline.LastOrDefault(e => e.Kind == TimelineKind.Resolve) is { } resolve)
        {
            md.AppendLine($"- **Resolution:** {resolve.Text}");
        }

        md.AppendLine();
    }

    private static void SeverityHistory(StringBuilder md, Incident incident, IReadOnlyList<TimelineEntry> timeline)
    {
        md.AppendLine("## Severity history").AppendLine();
        var changes = timeline.Where(e => e.Kind == TimelineKind.Severity).ToList();
        var initial = changes.Count > 0 && Between(changes[0].Text, "severity ", " → ") is { } first ? first : incident.Severity;
        var rows = new List<string[]> { new[] { IncidentText.Time(incident.StartedAt), initial, incident.DeclaredBy, "declared" } };
        rows.AddRange(changes.Select(e => new[] { IncidentText.Time(e.At), After(e.Text, " → "), e.Who, e.Text }));
        Table(md, ["time (UTC)", "severity", "by", "change"], rows);
    }

    private static void ImpactWindow(StringBuilder md, Incident incident, IReadOnlyList<TimelineEntry> timeline, DateTimeOffset now)
    {
        md.AppendLine("## Impact window").AppendLine();
        md.AppendLine($"- **Declared:** {IncidentText.Time(incident.StartedAt)}");
        md.AppendLine(timeline.FirstOrDefault(e => e.Kind == TimelineKind.Update) is { } update
            ? $"- **First update:** {IncidentText.Time(update.At)} ({Duration(update.At - incident.StartedAt)} after the declaration)"
            : "- **First update:** none posted");
        md.AppendLine(incident.ResolvedAt is { } resolved
            ? $"- **Resolved:** {IncidentText.Time(resolved)} (declared → resolved: {Duration(resolved - incident.StartedAt)})"
            : $"- **Resolved:** not yet (open for {Duration(now - incident.StartedAt)} so far)");
        var reminders = timeline.Count(e => e.Kind == TimelineKind.Reminder);
        if (reminders > 0)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"- **Missed updates:** {reminders} reminder(s), {timeline.Count(e => e.Kind == TimelineKind.Escalation)} escalation(s)"));
        }

        md.AppendLine();
    }

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)span.TotalSeconds)} s");
        }

        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Days} d"));
        }

        if (span.Hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Hours} h"));
        }

        if (span.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min"));
        }

        return string.Join(' ', parts);
    }

    private static void Table(StringBuilder md, string[] header, IEnumerable<string[]> rows)
    {
        md.AppendLine("| " + string.Join(" | ", header) + " |");
        md.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
        {
            md.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
        }

        md.AppendLine();
    }

    /// <summary>A pipe or line break inside a cell would end the cell or the table.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    private static string? Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        return from < 0 || to < from ? null : text[(from + start.Length)..to];
    }

    private static string After(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? text : text[(at + marker.Length)..];
    }
}
