using ChatOps.Bot.Features.Audit.Outbox;

namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// Stores the incident — with its channel setup pending where the platform can create channels — and queues the
/// announcement in the same transaction, so it is retried like audit lines and never sent for an incident that was
/// not stored. Then it tries the channel setup once; whatever happens, the answer says where the incident stands.
/// </summary>
public sealed class DeclareIncidentHandler(
    IIncidentStore store, IncidentSchedule schedule, IncidentPlatforms platforms, IncidentChannelSetup setup, IncidentUserResolver users,
    OutboxSignal outbox, TimeProvider clock)
    : IRequestHandler<DeclareIncidentCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(DeclareIncidentCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var severity = IncidentSchedule.NormalizeSeverity(request.Severity)!;
        var context = request.Context;
        var platformName = platforms.For(context);
        var platform = platforms.Get(platformName);
        var people = IncidentUsers.UserPlatform(platformName);
        var commander = new IncidentPerson(context.Subject, context.UserName);
        if (request.Commander is { } named)
        {
            var (person, error) = await users.ResolveAsync(named, people, context, "--commander", cancellationToken);
            if (person is null)
            {
                return OperationResult.Invalid(error!);
            }

            commander = person;
        }

        IncidentPerson? lead = null;
        if (request.Lead is { } leadText)
        {
            var (person, error) = await users.ResolveAsync(leadText, people, context, "--lead", cancellationToken);
            if (person is null)
            {
                return OperationResult.Invalid(error!);
            }

            lead = person;
        }

        var draft = new NewIncident(
            severity,
            request.Title,
            commander.Key,
            lead?.Key,
            request.Services,
            context.ChannelId,
            context.UserName,
            now,
            schedule.NextUpdate(severity, now))
        {
            Platform = platformName,
            CommanderName = commander.Name,
            LeadName = lead?.Name,
            ChannelMembers = platform is { CanCreateChannels: true } ? platforms.Members(platformName, context, commander.Key, lead?.Key) : null,
        };

        var announcements = platforms.Announcements();
        var incident = await store.DeclareAsync(draft, context.CorrelationId, stored =>
            announcements.Select(d => new OutboxMessage(d, ChatText.Of($"Incident declared by {context.UserName}\n{IncidentText.Post(stored)}"))).ToList(),
            cancellationToken);

        string channelLine;
        if (draft.ChannelMembers is null)
        {
            channelLine = $"no channel was created: {platformName} bots cannot create channels (Teams needs Microsoft Graph, which this bot does not use). " +
                (announcements.Count > 0 ? "The notification went to the incidents channel; " : string.Empty) +
                "commands in this conversation may omit the id";
        }
        else
        {
            channelLine = await setup.RunAsync(incident.Id, cancellationToken) switch
            {
                { Error: null } done => Ready(done),
                { Error: { } error } => $"its channel could not be created yet ({error}); the bot retries in the background " +
                    $"and announces it when it exists. Until then name the incident: `incident update {incident.Id} ...`",
                null => "its channel is being set up by another replica",
            };
        }

        outbox.Notify();
        var current = await store.GetIncidentAsync(incident.Id, cancellationToken) ?? incident;
        // The id as Reference lets a caller that ran the command (the Alertmanager adapter) link what it declared.
        return IncidentText.Card(current, $"declared {incident.Id}; {channelLine}") with { Reference = incident.Id };
    }

    private static string Ready(ChannelSetupOutcome done)
    {
        var invites = done.Invites!;
        var failed = invites.Failed.Count == 0
            ? string.Empty
            : "; could not invite " + string.Join(", ", invites.Failed.Select(f => $"{IncidentUsers.Show(f.User)} ({f.Reason})"));
        return $"channel #{done.Incident.IncidentChannelName} created, invited {IncidentChannelSetup.Names(invites.Invited)}{failed}";
    }
}
