using ChatOps.Bot.Operations.Approvals;
using ChatOps.Bot.Operations.Audit;

namespace ChatOps.Bot.Operations;

/// <summary>The one durable store: audit chain, its outbox, pending approvals, idempotency keys and conversation references. SQLite or PostgreSQL.</summary>
public interface IChatOpsStore : IAuditLog, IApprovalStore, IOutboxStore, IIdempotencyStore, IConversationReferences
{
    /// <summary>Creates or migrates the schema; safe to run from several replicas at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Cheap round trip for readiness.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
