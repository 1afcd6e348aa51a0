namespace ChatOps.Bot.Features.Queues;

/// <summary>
/// What the queue handlers need from a message broker, by the name users type (<c>--broker rabbit</c>).
/// Implementations speak the broker's management API; handlers only see these records. A broker that cannot be
/// reached, refuses the credentials or answers with an error throws <see cref="PortFailure"/> (never holding the
/// credentials); a name the broker would resolve to another object throws <see cref="WrongQueueException"/>.
/// </summary>
public interface IQueueBroker
{
    /// <summary>Every queue of the broker's virtual host, in no particular order.</summary>
    Task<IReadOnlyList<QueueStats>> ListQueuesAsync(string broker, CancellationToken cancellationToken);

    /// <summary>One queue and its dead-letter target, or null when the broker has no such queue.</summary>
    Task<QueueDetail?> GetQueueAsync(string broker, string queue, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the queue's ready messages and returns the queue as the broker reports it afterwards (waiting a bounded
    /// time for the broker's statistics to show the purge). Null when the broker has no such queue.
    /// </summary>
    Task<QueueStats?> PurgeAsync(string broker, string queue, CancellationToken cancellationToken);

    /// <summary>
    /// What <see cref="ReplayAsync"/> would move right now, its destination resolved and proved to be the queue named;
    /// null when the dead-letter queue does not exist. Throws <see cref="ReplayRefusedException"/> when the replay
    /// cannot be done as asked.
    /// </summary>
    Task<ReplayPreview?> PreviewReplayAsync(string broker, ReplayPlan plan, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the planned messages inside the broker (never through the bot's memory) and says how many moved and how
    /// many are left; null when the dead-letter queue does not exist. Refusals are thrown before anything moves.
    /// </summary>
    Task<ReplayOutcome?> ReplayAsync(string broker, ReplayPlan plan, CancellationToken cancellationToken);
}

/// <param name="Messages">Depth: ready plus unacknowledged.</param>
/// <param name="PublishRate">Messages per second published, null when the broker has no rate for the queue yet.</param>
/// <param name="DeliverRate">Messages per second delivered or fetched, null when unknown.</param>
/// <param name="Counters">The cumulative counters ActiveMQ keeps per queue; null for RabbitMQ, which reports rates instead.</param>
public sealed record QueueStats(
    string Name, long Messages, long Ready, long Unacknowledged, int Consumers, double? PublishRate = null, double? DeliverRate = null,
    QueueCounters? Counters = null);

/// <summary>ActiveMQ's queue counters since the broker started (ActiveMQ has no rates); in-flight is <see cref="QueueStats.Unacknowledged"/>.</summary>
public sealed record QueueCounters(int Producers, long Enqueued, long Dequeued, long Expired);

/// <param name="DeadLetter">Null when the queue has no dead-letter exchange (RabbitMQ); ActiveMQ always has one.</param>
public sealed record QueueDetail(QueueStats Stats, DeadLetterTarget? DeadLetter);

/// <summary>
/// Where the queue's rejected and expired messages go. <paramref name="Queues"/> are the queues the exchange routes
/// them to as far as the broker's bindings tell; empty with <paramref name="Unresolved"/> saying why when they cannot be known.
/// <paramref name="Exchange"/> is null on ActiveMQ, which dead-letters straight into a queue: <paramref name="Queues"/>
/// is then that queue, or empty while it does not exist yet (ActiveMQ creates it on the first dead letter).
/// </summary>
public sealed record DeadLetterTarget(string? Exchange, IReadOnlyList<QueueStats> Queues, string? Unresolved = null);
