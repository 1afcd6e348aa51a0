namespace ChatOps.Bot.Features.Audit;

/// <summary>
/// Remembers which chat deliveries (a slash command, an event, an activity, a click) already ran, across every
/// replica sharing the store: platforms redeliver what they think was not acknowledged. The adapters name a delivery;
/// this is how they reach the claims, so no adapter holds a store port. It lives with the audit feature because the
/// claims share the audit store, and whether a replay may be answered while that store is down is an audit question.
/// </summary>
public sealed class DeliveryClaims(IIdempotencyStore store, ILogger<DeliveryClaims> logger)
{
    /// <summary>True when this delivery is new and now claimed for <paramref name="lifetime"/>; false when it already ran.</summary>
    public Task<bool> TryClaimAsync(string key, DateTimeOffset now, TimeSpan lifetime, CancellationToken cancellationToken) =>
        store.TryClaimAsync(key, now, now + lifetime, cancellationToken);

    /// <summary>
    /// Null when this delivery is new (and now claimed under <paramref name="context"/>'s request id); otherwise the id
    /// of the request that claimed it first ("unknown" when that claim named none).
    /// </summary>
    public async Task<string?> AlreadyHandledAsync(string key, ChatContext context, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        IdempotencyClaim claim;
        try
        {
            claim = await store.ClaimAsync(key, context.CorrelationId, context.ReceivedAt, context.ReceivedAt + lifetime, cancellationToken);
        }
        catch (AuditStoreUnavailableException ex)
        {
            // The claims live in the audit store: while it is down no mutating command can run (the audit step refuses
            // it), so a replay can at worst repeat a read-only answer. Refusing here too would silence those answers.
            logger.LogWarning("Delivery replay check skipped: {Reason}", ex.Message);
            return null;
        }

        return claim.Claimed ? null : claim.Owner is { Length: > 0 } owner ? owner : "unknown";
    }
}
