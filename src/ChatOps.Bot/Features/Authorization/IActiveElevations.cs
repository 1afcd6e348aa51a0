namespace ChatOps.Bot.Features.Authorization;

/// <summary>
/// Reading live elevations, all that judging a request needs: the store answers it in the bot, a cases file answers
/// it in the offline <c>policy check</c>.
/// </summary>
public interface IActiveElevations
{
    /// <summary>The subject's elevations that have started, have not expired at <paramref name="now"/> and are not revoked.</summary>
    Task<IReadOnlyList<Elevation>> ActiveElevationsAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken);
}
