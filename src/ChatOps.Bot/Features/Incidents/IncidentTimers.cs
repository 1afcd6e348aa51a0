namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// The SLA timer of open incidents. Stage 0 fires at the next-update deadline: a reminder in the incident's channel
/// mentioning the commander. Stage 1 fires <c>EscalateAfter</c> later: an escalation to the announcements channels.
/// Then the timer rests until an update or severity change re-arms it (resolve disarms it). What a firing posts is
/// queued in the outbox in the same transaction as the stage change, so it is delivered once, never lost.
/// </summary>
public sealed class IncidentTimers(IIncidentStore store, IncidentPlatforms platforms, IOptionsMonitor<IncidentOptions> options, TimeProvider clock)
{
    public const int BatchSize = 50;

    public const int Reminded = 1;

    public const int Escalated = 2;

    /// <summary>Fires the due timers; returns the incidents whose timer fired.</summary>
    public Task<IReadOnlyList<Incident>> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return store.FireDueTimersAsync(now, BatchSize, incident => Fire(incident, now), cancellationToken);
    }

    private TimerFiring Fire(Incident incident, DateTimeOffset now)
    {
        // Only a Slack commander becomes a live mention (it notifies); the renderer keeps every other id as the name.
        var commander = incident.Commander.StartsWith("slack:", StringComparison.Ordinal)
            ? ChatText.Mention(IncidentUsers.LocalId(incident.Commander), IncidentUsers.Show(incident.CommanderName))
            : ChatText.Of($"{IncidentUsers.Show(incident.CommanderName)}");
        var due = incident.TimerDueAt!.Value;
        if (incident.TimerStage == 0)
        {
            var text = ChatText.Of($"Reminder: {IncidentText.ChatTitle(incident)} — the update due at {ChatText.Bot(IncidentText.Time(due))} has not been posted. ") +
                ChatText.Of($"{commander}, please post one: `incident update <what changed>`");
            return new TimerFiring(Reminded, due + options.CurrentValue.EscalateAfter,
                new TimelineEntry(now, "bot", TimelineKind.Reminder, $"update overdue since {IncidentText.Time(due)}; reminded {IncidentUsers.Show(incident.CommanderName)}"),
                [new OutboxMessage(IncidentPlatforms.Home(incident), text)]);
        }

        var announcements = platforms.Announcements();
        var destinations = announcements.Count > 0 ? announcements : [IncidentPlatforms.Home(incident)];
        // The timeline says where the escalation really went: without an announcements channel it is the incident's own.
        var where = announcements.Count > 0
            ? $"escalated to the announcements channel{(announcements.Count > 1 ? "s" : string.Empty)} {string.Join(", ", announcements)}"
            : $"escalated in the incident's own channel {IncidentPlatforms.Home(incident)} (no announcements channel is configured)";
        var deadline = incident.NextUpdateAt;
        var escalation = ChatText.Of($"Escalation: {IncidentText.ChatTitle(incident)} has had no update since its deadline {ChatText.Bot(IncidentText.Time(deadline))}, ") +
            ChatText.Of($"and its commander {IncidentUsers.Show(incident.CommanderName)} was reminded. Status: {ChatText.Bot(IncidentText.Status(incident.Status))}.") +
            (incident.IncidentChannelName is { } name ? ChatText.Of($" Channel: #{name}") : ChatText.Empty);
        return new TimerFiring(Escalated, null,
            new TimelineEntry(now, "bot", TimelineKind.Escalation, $"{where}: no update since {IncidentText.Time(deadline)}"),
            destinations.Select(d => new OutboxMessage(d, escalation)).ToList());
    }
}
