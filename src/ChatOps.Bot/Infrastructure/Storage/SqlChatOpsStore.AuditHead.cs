using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>Reading the chain head or one record, and queuing lines that belong to no record (the published head).</summary>
public abstract partial class SqlChatOpsStore
{
    public Task<AuditEntry?> HeadAsync(CancellationToken cancellationToken) =>
        ReadRowsAsync("read audit head", connection => ReadOneAsync(connection, AuditRows.HeadSql, null, cancellationToken), cancellationToken);

    public Task<AuditEntry?> EntryAsync(long sequence, CancellationToken cancellationToken) =>
        ReadRowsAsync("read audit record", connection => ReadOneAsync(connection, AuditRows.EntrySql, sequence, cancellationToken), cancellationToken);

    public Task EnqueueAsync(string requestId, IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentNullException.ThrowIfNull(messages);
        return WriteRowsAsync("queue outbox", async (connection, transaction) =>
        {
            await OutboxRows.QueueAsync(connection, transaction, requestId, messages, now, cancellationToken);
            return messages.Count;
        }, cancellationToken);
    }

    /// <summary>Read as for verification: a row that no longer decodes comes back with a blank hash, matching nothing.</summary>
    private static async Task<AuditEntry?> ReadOneAsync(DbConnection connection, string sql, long? sequence, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(connection, null, sql);
        if (sequence is { } seq)
        {
            command.Add("@seq", seq);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? AuditRows.ReadForVerification(reader) : null;
    }
}
