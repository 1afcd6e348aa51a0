namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The store-wide critical sections: each is held to the end of the transaction that takes it.</summary>
internal enum StoreLock
{
    /// <summary>Appends read the chain head and write the next record; one at a time, or the chain would fork.</summary>
    AuditAppend,

    /// <summary>Replicas starting together migrate once.</summary>
    Migration,

    /// <summary>The in-order rule of an outbox claim looks at other rows' leases, so claims run one after another.</summary>
    OutboxClaim,
}
