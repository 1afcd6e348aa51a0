using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Operations;
using ChatOps.Bot.Operations.Audit;
using ChatOps.Bot.Operations.Incidents;

namespace ChatOps.Bot.Infrastructure.Postgres;

public sealed partial class PostgresChatOpsStore
{
    /// <summary>Concurrent replicas skip rows another transaction holds.</summary>
    private const string IncidentClaimLock = " FOR UPDATE SKIP LOCKED";

    public Task<bool> AppendTimelineAsync(string id, TimelineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return InTransactionAsync("append incident timeline", (connection, transaction) =>
            IncidentJobRows.AppendAsync(connection, transaction, id, entry, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<ChannelSetupJob>> ClaimChannelSetupsAsync(
        string? id, string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken) =>
        InTransactionAsync("claim incident channel setup", (connection, transaction) =>
            IncidentJobRows.ClaimSetupsAsync(connection, transaction, IncidentClaimLock, id, owner, now, lease, max, cancellationToken), cancellationToken);

    public Task<bool> RecordIncidentChannelAsync(string id, string owner, CreatedChannel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return InTransactionAsync("record incident channel", (connection, transaction) =>
            IncidentJobRows.RecordChannelAsync(connection, transaction, id, owner, channel, cancellationToken), cancellationToken);
    }

    public Task<Incident?> CompleteChannelSetupAsync(
        string id, string owner, TimelineEntry entry, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(messages);
        return InTransactionAsync("complete incident channel setup", (connection, transaction) =>
            IncidentJobRows.CompleteSetupAsync(connection, transaction, id, owner, entry, messages, cancellationToken), cancellationToken);
    }

    public Task FailChannelSetupAsync(string id, string owner, DateTimeOffset retryAt, string error, CancellationToken cancellationToken) =>
        InTransactionAsync("fail incident channel setup", async (connection, transaction) =>
        {
            await IncidentJobRows.FailSetupAsync(connection, transaction, id, owner, retryAt, error, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<Incident>> FireDueTimersAsync(
        DateTimeOffset now, int max, Func<Incident, TimerFiring> fire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fire);
        return InTransactionAsync("fire incident timers", (connection, transaction) =>
            IncidentJobRows.FireTimersAsync(connection, transaction, IncidentClaimLock, now, max, fire, cancellationToken), cancellationToken);
    }
}
