using ChatOps.Bot.Operations.Audit;

namespace ChatOps.Bot.Operations.Incidents;

/// <summary>Incidents and their timelines, in the bot's one durable store.</summary>
public interface IIncidentStore
{
    /// <summary>
    /// Allocates the next sequence number of the start's year atomically (distinct across replicas), stores the
    /// incident with its declare entry and queues the outbox lines <paramref name="notify"/> makes from the stored
    /// incident (it needs the id), all in one transaction.
    /// </summary>
    Task<Incident> DeclareAsync(
        NewIncident incident, string requestId, Func<Incident, IReadOnlyList<OutboxMessage>> notify, CancellationToken cancellationToken);

    Task<Incident?> GetIncidentAsync(string id, CancellationToken cancellationToken);

    /// <summary>The newest open incident declared in this channel, for commands that omit the id.</summary>
    Task<Incident?> FindOpenIncidentAsync(string channelId, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Incident>> ListIncidentsAsync(bool openOnly, CancellationToken cancellationToken);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string id, CancellationToken cancellationToken);

    /// <summary>Applies the change and appends its entry atomically; null when no such incident exists.</summary>
    Task<Incident?> ChangeIncidentAsync(IncidentChange change, CancellationToken cancellationToken);
}
