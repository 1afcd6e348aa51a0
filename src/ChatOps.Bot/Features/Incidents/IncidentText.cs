namespace ChatOps.Bot.Features.Incidents;

/// <summary>How incidents read in chat: the notification template's fields, one-line summaries and the timeline.</summary>
public static class IncidentText
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Status(IncidentStatus status) => status.ToString().ToLowerInvariant();

    public static string Title(Incident i) => $"{i.Id} [{i.Severity}] {i.Title}";

    /// <summary>The notification template: severity, impact, start, services, status, next update, commander, lead.</summary>
    public static IReadOnlyList<ResultField> Fields(Incident i) =>
    [
        new("Severity", i.Severity),
        new("Impact", i.Title, Short: false),
        new("Start time", Time(i.StartedAt)),
        new("Affected services", i.Services.Count == 0 ? "not given" : string.Join(", ", i.Services)),
        new("Current status", Status(i.Status)),
        new("Next update", i.IsOpen ? Time(i.NextUpdateAt) : "none (resolved)"),
        new("Incident commander", IncidentUsers.Show(i.CommanderName)),
        new("Technical lead", i.Lead is null ? "not assigned" : IncidentUsers.Show(i.LeadName!)),
    ];

    public static string Render(Incident i) =>
        Title(i) + "\n" + string.Join('\n', Fields(i).Select(f => $"{f.Name}: {f.Value}"));

    /// <summary>
    /// <see cref="Render"/> for a chat post: the field names are the bot's, the title and every value user text, so
    /// a title like <c>&lt;!channel&gt;</c> or one with line breaks reaches no channel as anything but text.
    /// </summary>
    public static ChatText Post(Incident i) =>
        ChatTitle(i) + ChatText.Join(string.Empty, Fields(i).Select(f => ChatText.Of($"\n{ChatText.Bot(f.Name)}: {f.Value}")));

    public static ChatText ChatTitle(Incident i) => ChatText.Of($"{i.Id} [{i.Severity}] {i.Title}");

    public static OperationResult Card(Incident incident, string text) =>
        OperationResult.Success(text + "\n" + Render(incident)) with
        {
            Title = Title(incident),
            Summary = text,
            Fields = Fields(incident),
            Visibility = Visibility.InChannel,
            Severity = incident.IsOpen ? Severity.Warning : Severity.Success,
        };

    public static ResultTable Timeline(IReadOnlyList<TimelineEntry> entries) =>
        new(["time", "who", "what", "text"],
            entries.Select(e => (IReadOnlyList<string>)[Time(e.At), e.Who, e.Kind.ToString().ToLowerInvariant(), e.Text]).ToList(),
            "Timeline");

    public static string TimelineText(IReadOnlyList<TimelineEntry> entries) => TextTable.Render(Timeline(entries));
}
