using ChatOps.Bot.Features.Alerts;
using ChatOps.Bot.Features.Audit.Outbox;
using ChatOps.Bot.Features.BreakGlass;
using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The one durable store: audit chain, its outbox, pending approvals, idempotency keys, conversation references, incidents, Alertmanager groups and break-glass elevations. SQLite or PostgreSQL.</summary>
public interface IChatOpsStore : IAuditLog, IApprovalStore, IOutboxStore, IIdempotencyStore, IConversationReferences, IIncidentStore, IAlertStore, IElevationStore,
    IElevationExpiryStore, Features.Policies.IRunHistory
{
    /// <summary>Creates or migrates the schema; safe to run from several replicas at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Cheap round trip for readiness.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
