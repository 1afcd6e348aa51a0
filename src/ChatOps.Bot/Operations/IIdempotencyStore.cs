namespace ChatOps.Bot.Operations;

/// <summary>
/// Claims a key once, across every replica sharing the store. Slack redelivers events and interaction payloads, and
/// people double-click: the first delivery claims the key and runs, every later one sees the claim and runs nothing.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// True when this call claimed <paramref name="key"/>; false when a claim that has not expired exists. An expired
    /// claim may be taken again, so the table only has to remember keys for as long as a redelivery can arrive.
    /// </summary>
    Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
