using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// How the incident a command names stands now: all a freeze override needs to know. A port of its own so the
/// offline <c>policy check</c> can answer from its cases file instead of the store.
/// </summary>
public interface IIncidentStandings
{
    ValueTask<IncidentStanding?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The open incident whose channel this is, if any: a command typed there is run for it.</summary>
    ValueTask<IncidentStanding?> InChannelAsync(string channelId, CancellationToken cancellationToken);
}

public sealed class StoredIncidentStandings(IIncidentStore incidents) : IIncidentStandings
{
    public async ValueTask<IncidentStanding?> FindAsync(string id, CancellationToken cancellationToken) =>
        await incidents.GetIncidentAsync(id, cancellationToken) is { } incident
            ? new IncidentStanding(incident.Id, incident.Severity, incident.IsOpen)
            : null;

    public async ValueTask<IncidentStanding?> InChannelAsync(string channelId, CancellationToken cancellationToken) =>
        await IncidentOfChannel.FindAsync(incidents, channelId, cancellationToken) is { } incident
            ? new IncidentStanding(incident.Id, incident.Severity, incident.IsOpen) { InChannel = true }
            : null;
}
