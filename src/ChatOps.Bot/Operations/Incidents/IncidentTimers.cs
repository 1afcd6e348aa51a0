using ChatOps.Bot.Configuration;
using ChatOps.Bot.Operations.Audit;
using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Operations.Incidents;

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
        var commander = IncidentPlatforms.Mention(incident);
        var due = incident.TimerDueAt!.Value;
        if (incident.TimerStage == 0)
        {
            var text = $"Reminder: {IncidentText.Title(incident)} — the update due at {IncidentText.Time(due)} has not been posted. " +
                $"{commander}, please post one: `incident update <what changed>`";
            return new TimerFiring(Reminded, due + options.CurrentValue.EscalateAfter,
                new TimelineEntry(now, "bot", TimelineKind.Reminder, $"update overdue since {IncidentText.Time(due)}; reminded {IncidentUsers.Show(incident.CommanderName)}"),
                [new OutboxMessage(IncidentPlatforms.Home(incident), text)]);
        }

        var destinations = platforms.Announcements() is { Count: > 0 } announcements ? announcements : [IncidentPlatforms.Home(incident)];
        var deadline = incident.NextUpdateAt;
        var escalation = $"Escalation: {IncidentText.Title(incident)} has had no update since its deadline {IncidentText.Time(deadline)}, " +
            $"and its commander {IncidentUsers.Show(incident.CommanderName)} was reminded. Status: {IncidentText.Status(incident.Status)}." +
            (incident.IncidentChannelName is { } name ? $" Channel: #{name}" : string.Empty);
        return new TimerFiring(Escalated, null,
            new TimelineEntry(now, "bot", TimelineKind.Escalation, $"escalated to the announcements channel: no update since {IncidentText.Time(deadline)}"),
            destinations.Select(d => new OutboxMessage(d, escalation)).ToList());
    }
}
