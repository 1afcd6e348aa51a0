namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// Which open incident a channel belongs to: the incident whose home channel it is (its own channel once created,
/// else the channel it was declared in). The timeline and the freeze override both ask this, so a command counts
/// as run for an incident in exactly the channels whose commands go on its timeline.
/// </summary>
public static class IncidentOfChannel
{
    public static async Task<Incident?> FindAsync(IIncidentStore store, string channelId, CancellationToken cancellationToken) =>
        await store.FindOpenIncidentAsync(channelId, cancellationToken) is { } here && here.HomeChannel == channelId ? here : null;
}
