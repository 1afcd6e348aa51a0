using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Bot.Infrastructure.Storage;

public abstract partial class SqlChatOpsStore
{
    public Task<bool> AppendTimelineAsync(string id, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteRowsAsync("append incident timeline", (connection, transaction) =>
            IncidentJobRows.AppendAsync(connection, transaction, id, entry, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<ChannelSetupJob>> ClaimChannelSetupsAsync(
        string? id, string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken) =>
        WriteRowsAsync("claim incident channel setup", (connection, transaction) =>
            IncidentJobRows.ClaimSetupsAsync(connection, transaction, dialect.ClaimLock, id, owner, now, lease, max, cancellationToken), cancellationToken);

    public Task<bool> RecordIncidentChannelAsync(string id, string owner, CreatedChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return WriteRowsAsync("record incident channel", (connection, transaction) =>
            IncidentJobRows.RecordChannelAsync(connection, transaction, id, owner, channel, cancellationToken), cancellationToken);
    }

    public Task<Incident?> CompleteChannelSetupAsync(
        string id, string owner, TimelineEntry entry, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(messages);
        return WriteRowsAsync("complete incident channel setup", (connection, transaction) =>
            IncidentJobRows.CompleteSetupAsync(connection, transaction, id, owner, entry, messages, cancellationToken), cancellationToken);
    }

    public Task FailChannelSetupAsync(string id, string owner, DateTimeOffset retryAt, string error, CancellationToken cancellationToken) =>
        WriteRowsAsync("fail incident channel setup", async (connection, transaction) =>
        {
            await IncidentJobRows.FailSetupAsync(connection, transaction, id, owner, retryAt, error, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<Incident>> FireDueTimersAsync(
        DateTimeOffset now, int max, Func<Incident, TimerFiring> fire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fire);
        return WriteRowsAsync("fire incident timers", (connection, transaction) =>
            IncidentJobRows.FireTimersAsync(connection, transaction, dialect.ClaimLock, now, max, fire, cancellationToken), cancellationToken);
    }
}
