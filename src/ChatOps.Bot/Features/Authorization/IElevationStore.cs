namespace ChatOps.Bot.Features.Authorization;

/// <summary>Break-glass elevations as leases in the shared store: granted, read while live, revoked at most once.</summary>
public interface IElevationStore : IActiveElevations
{
    /// <summary>Everyone's elevations live at <paramref name="now"/>, oldest grant first.</summary>
    Task<IReadOnlyList<Elevation>> AllActiveElevationsAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task GrantElevationAsync(Elevation elevation, CancellationToken cancellationToken);


    /// <summary>
    /// Ends the subject's live elevations; returns those it ended. Two replicas revoking at once end each one once:
    /// the loser finds nothing left to revoke.
    /// </summary>
    Task<IReadOnlyList<Elevation>> RevokeElevationsAsync(string subject, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends one live elevation by id, whoever holds it; null when it is unknown, expired or already revoked.</summary>
    Task<Elevation?> RevokeElevationAsync(string id, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken);
}
