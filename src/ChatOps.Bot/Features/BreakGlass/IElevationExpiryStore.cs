namespace ChatOps.Bot.Features.BreakGlass;

/// <summary>The store's side of announcing expiries: which ended elevations are still to be told, claimed once.</summary>
public interface IElevationExpiryStore
{
    /// <summary>
    /// Queues <paramref name="announce"/>'s lines for each elevation that expired (unrevoked) by <paramref name="now"/>
    /// and was not announced yet, at most <paramref name="max"/>; returns those it announced. Each expiry is claimed
    /// with one conditional update, so replicas sharing the store announce it once between them.
    /// </summary>
    Task<IReadOnlyList<Elevation>> AnnounceExpiredElevationsAsync(
        DateTimeOffset now, int max, Func<Elevation, IReadOnlyList<OutboxMessage>> announce, CancellationToken cancellationToken);
}
