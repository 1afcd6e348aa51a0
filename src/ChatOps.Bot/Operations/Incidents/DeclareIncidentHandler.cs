using ChatOps.Bot.Configuration;
using ChatOps.Bot.Operations.Audit;
using ChatOps.Bot.Pipeline;
using Mediator;
using Microsoft.Extensions.Options;

namespace ChatOps.Bot.Operations.Incidents;

/// <summary>
/// Stores the incident and answers with the notification in the channel. The copy for the incidents channel goes
/// through the outbox in the same transaction, so it is retried like audit lines and never lost or sent for an
/// incident that was not stored.
/// </summary>
public sealed class DeclareIncidentHandler(
    IIncidentStore store, IncidentSchedule schedule, IOptionsMonitor<SlackOptions> slack, OutboxSignal outbox, TimeProvider clock)
    : IRequestHandler<DeclareIncidentCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(DeclareIncidentCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var severity = IncidentSchedule.NormalizeSeverity(request.Severity)!;
        var context = request.Context;
        var draft = new NewIncident(
            severity,
            request.Title,
            IncidentUsers.Normalize(request.Commander) ?? context.UserId,
            IncidentUsers.Normalize(request.Lead),
            request.Services,
            context.ChannelId,
            context.UserName,
            now,
            schedule.NextUpdate(severity, now));

        var channel = slack.CurrentValue.IncidentsChannel;
        var incident = await store.DeclareAsync(draft, context.CorrelationId, stored => channel.Length == 0
            ? []
            : [new OutboxMessage($"slack:{channel}", $"Incident declared by {context.UserName}\n" + IncidentText.Render(stored))],
            cancellationToken);
        if (channel.Length > 0)
        {
            outbox.Notify();
        }

        // The id as Reference lets a caller that ran the command (the Alertmanager adapter) link what it declared.
        return IncidentText.Card(incident, $"declared {incident.Id}") with { Reference = incident.Id };
    }
}
