namespace ChatOps.Bot.Features.Queues;

/// <summary>
/// What <c>queue replay</c> asks the broker to move: from the dead-letter queue to <paramref name="To"/>, or to each
/// message's own origin when it is null; at most <paramref name="Limit"/> messages; only those matching
/// <paramref name="Selector"/> (a JMS selector, ActiveMQ only).
/// </summary>
public sealed record ReplayPlan(string DeadLetterQueue, string? To, int? Limit, string? Selector)
{
    /// <summary>Every message back where it came from: the broker's own retry, no single destination.</summary>
    public bool IsRetryAll => To is null && Limit is null && Selector is null;
}

/// <param name="Matching">Messages the plan selects (the whole queue without a selector).</param>
/// <param name="ToMove">What the replay would move now: <paramref name="Matching"/> capped by the limit.</param>
/// <param name="Destination">Where they would go, in words (a queue, or "each message's origin (a, b)").</param>
/// <param name="FirstHeaders">The first message's headers, values shortened, for the approver to recognise it.</param>
public sealed record ReplayPreview(
    string Queue, long Matching, long ToMove, DateTimeOffset? Oldest, DateTimeOffset? Newest,
    IReadOnlyList<KeyValuePair<string, string>> FirstHeaders, string Destination);

/// <param name="Left">Messages in the dead-letter queue after the move, as the broker reports them.</param>
public sealed record ReplayOutcome(string Queue, long Moved, long Left, string Destination);

/// <summary>
/// The replay cannot be done as asked (its destination does not exist, or the messages came from several queues and
/// none was named). Always thrown before anything moved.
/// </summary>
public sealed class ReplayRefusedException(string message) : PortFailure(message);
