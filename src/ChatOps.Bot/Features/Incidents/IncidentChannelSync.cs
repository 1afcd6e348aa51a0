namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// Keeps an incident's own channel in step with a change: the topic shows severity, commander and status, and a new
/// commander is invited. Best effort — the change is already stored; a chat API failure becomes a note in the answer.
/// </summary>
public sealed class IncidentChannelSync(IncidentPlatforms platforms, ILogger<IncidentChannelSync> logger)
{
    public async Task<string?> AfterChangeAsync(Incident incident, string? newMember, CancellationToken cancellationToken)
    {
        if (incident is not { ChannelSetup: ChannelSetupState.Done, IncidentChannel: { } channel } ||
            platforms.Get(incident.Platform) is not { CanCreateChannels: true } platform)
        {
            return null;
        }

        try
        {
            string? note = null;
            if (newMember is not null)
            {
                var invites = await platform.InviteAsync(channel, [newMember], cancellationToken);
                note = invites.Failed.Count == 0
                    ? null
                    : $"could not invite {IncidentUsers.Show(newMember)} to #{incident.IncidentChannelName} ({invites.Failed[0].Reason})";
            }

            if (incident.IsOpen)
            {
                await platform.SetTopicAsync(channel, IncidentChannelSetup.Topic(incident), cancellationToken);
            }

            return note;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Updating the channel of {Incident} failed: {Reason}", incident.Id, ex.Message);
            return $"the channel #{incident.IncidentChannelName} was not updated ({ex.Message})";
        }
    }
}
