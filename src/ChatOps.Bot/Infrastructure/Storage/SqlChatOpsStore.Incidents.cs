using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Bot.Infrastructure.Storage;

public abstract partial class SqlChatOpsStore
{
    public Task<Incident> DeclareAsync(
        NewIncident incident, string requestId, Func<Incident, IReadOnlyList<OutboxMessage>> notify, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(notify);
        return WriteRowsAsync("declare incident", (connection, transaction) =>
            IncidentRows.DeclareAsync(connection, transaction, incident, requestId, notify, cancellationToken), cancellationToken);
    }

    public Task<Incident?> ChangeIncidentAsync(IncidentChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return WriteRowsAsync("change incident", (connection, transaction) =>
            IncidentRows.ChangeAsync(connection, transaction, change, cancellationToken), cancellationToken);
    }

    public Task<Incident?> GetIncidentAsync(string id, CancellationToken cancellationToken) =>
        ReadRowsAsync("read incident", connection => IncidentRows.GetAsync(connection, null, id, cancellationToken), cancellationToken);

    public Task<Incident?> FindOpenIncidentAsync(string channelId, CancellationToken cancellationToken) =>
        FindOpenIncidentRowsAsync(channelId, cancellationToken);

    /// <summary>Every audited command makes this read; a dialect may read it without the provider's per-read objects.</summary>
    private protected virtual Task<Incident?> FindOpenIncidentRowsAsync(string channelId, CancellationToken cancellationToken) =>
        ReadHotAsync("find incident", IncidentRows.FindOpenSql, c => c.Set("@channel_id", channelId),
            async c => (await IncidentRows.ReadAsync(c, cancellationToken)).SingleOrDefault(), cancellationToken);

    public Task<IReadOnlyList<Incident>> ListIncidentsAsync(bool openOnly, CancellationToken cancellationToken) =>
        ReadRowsAsync("list incidents", connection => IncidentRows.ListAsync(connection, openOnly, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string id, CancellationToken cancellationToken) =>
        ReadRowsAsync("read incident timeline", connection => IncidentRows.TimelineAsync(connection, id, cancellationToken), cancellationToken);
}
