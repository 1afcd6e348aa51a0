namespace ChatOps.Bot.Core;

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

    /// <summary>
    /// Like <see cref="TryClaimAsync"/>, and the claim remembers <paramref name="owner"/> (the request id that ran), so
    /// a replay can be told which request already handled it. Atomic across replicas: exactly one caller wins a key.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(string key, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

/// <summary>
/// The outcome of <see cref="IIdempotencyStore.ClaimAsync"/>: <see cref="Claimed"/>, or the owner recorded by the live
/// claim that got there first (empty when that claim was taken without one).
/// </summary>
public sealed record IdempotencyClaim(bool Claimed, string Owner);
