namespace ChatOps.Bot.Features.Incidents;

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

    /// <summary>Appends an entry to an open incident's timeline; false when it is unknown or resolved.</summary>
    Task<bool> AppendTimelineAsync(string id, TimelineEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Leases pending channel setups for <paramref name="owner"/> until <paramref name="now"/> + <paramref name="lease"/>:
    /// the one incident <paramref name="id"/> (right after its declare), or when null up to <paramref name="max"/> whose
    /// retry is due. A setup leased by someone else whose lease has not run out is skipped, so one replica works on it.
    /// </summary>
    Task<IReadOnlyList<ChannelSetupJob>> ClaimChannelSetupsAsync(
        string? id, string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>Remembers the created channel at once (while <paramref name="owner"/> holds the lease), so a retry never creates a second one.</summary>
    Task<bool> RecordIncidentChannelAsync(string id, string owner, CreatedChannel channel, CancellationToken cancellationToken);

    /// <summary>Marks the setup done, appends <paramref name="entry"/> and queues <paramref name="messages"/>, in one transaction; null when the lease was lost.</summary>
    Task<Incident?> CompleteChannelSetupAsync(
        string id, string owner, TimelineEntry entry, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken);

    /// <summary>Gives the lease back with the reason and when to try again.</summary>
    Task FailChannelSetupAsync(string id, string owner, DateTimeOffset retryAt, string error, CancellationToken cancellationToken);

    /// <summary>
    /// Fires up to <paramref name="max"/> open incidents' SLA timers due at <paramref name="now"/>: for each, what
    /// <paramref name="fire"/> decides (next stage and due time, timeline entry, outbox lines) is written in one
    /// transaction with a compare-and-set on the stage, so a timer fires once however many replicas poll.
    /// </summary>
    Task<IReadOnlyList<Incident>> FireDueTimersAsync(
        DateTimeOffset now, int max, Func<Incident, TimerFiring> fire, CancellationToken cancellationToken);
}

/// <summary>A leased channel setup: the incident, whom to invite, and how many attempts failed before.</summary>
public sealed record ChannelSetupJob(Incident Incident, IReadOnlyList<string> Members, int Attempts);

/// <summary>What one SLA timer firing writes: the next stage and due time (null disarms), its entry and posts.</summary>
public sealed record TimerFiring(int NextStage, DateTimeOffset? NextDueAt, TimelineEntry Entry, IReadOnlyList<OutboxMessage> Messages);
