namespace ChatOps.Bot.Features.Audit;

public sealed record AuditQuery(int Last = 20, string? UserId = null, DateTimeOffset? Since = null);

/// <summary>A line for the audit channel, written in the same transaction as its audit record.</summary>
/// <summary>A line for a chat destination; <see cref="Text"/> is <see cref="ChatText.Encode"/>'s form, rendered per platform on delivery.</summary>
public sealed record OutboxMessage(string Destination, string Text)
{
    public OutboxMessage(string destination, ChatText text)
        : this(destination, (text ?? throw new ArgumentNullException(nameof(text))).Encode())
    {
    }
}

/// <summary>One record and its audit-channel lines, as one element of a batch append.</summary>
public sealed record AuditAppend(AuditRecord Record, IReadOnlyList<OutboxMessage> Outbox);

/// <summary>The tamper-evident, append-only audit log. Appends are serialized into one hash chain.</summary>
public interface IAuditLog
{
    /// <summary>
    /// Appends <paramref name="record"/> to the chain and queues <paramref name="outbox"/> lines atomically with it.
    /// Throws <see cref="AuditStoreUnavailableException"/> when the store cannot be written and
    /// <see cref="AuditRecordRefusedException"/> when it refuses this record.
    /// </summary>
    Task<AuditEntry> AppendAsync(AuditRecord record, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken);

    /// <summary>
    /// Appends several records, in order, in one transaction: all or none. Entries come back in the same order.
    /// Group commit uses it so concurrent requests share one commit instead of queueing for one each.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> AppendBatchAsync(IReadOnlyList<AuditAppend> appends, CancellationToken cancellationToken);

    /// <summary>The newest state of each matching request, newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken);

    /// <summary>The newest record of the chain (its head), or null while the chain is empty.</summary>
    Task<AuditEntry?> HeadAsync(CancellationToken cancellationToken);

    /// <summary>The record at <paramref name="sequence"/>, or null when there is none.</summary>
    Task<AuditEntry?> EntryAsync(long sequence, CancellationToken cancellationToken);
}

public sealed class AuditStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The store is up but refuses this record (a data error such as PostgreSQL's 22021, a value over a limit): retrying
/// cannot help, so the record is a poison record to set aside, not a reason to hold every record after it.
/// Thrown only by appends; a batch that holds such a record fails as a whole.
/// </summary>
public sealed class AuditRecordRefusedException(string message, Exception? inner = null) : Exception(message, inner);
