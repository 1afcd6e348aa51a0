using ChatOps.Bot.Features.Alerts;

namespace ChatOps.Bot.Infrastructure.Storage;

public abstract partial class SqlChatOpsStore
{
    public Task<bool> TryRecordNotificationAsync(
        string key, string groupKey, string status, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return WriteRowsAsync("record alert notification", (connection, transaction) =>
            AlertRows.RecordAsync(connection, transaction, key, groupKey, status, now, leaseUntil, cancellationToken), cancellationToken);
    }

    public Task CompleteNotificationAsync(string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteRowsAsync("complete alert notification", (connection, transaction) =>
            AlertRows.CompleteAsync(connection, transaction, key, now, cancellationToken), cancellationToken);

    public Task<AlertGroup?> GetAlertGroupAsync(string groupKey, CancellationToken cancellationToken) =>
        ReadRowsAsync("read alert group", connection => AlertRows.GetGroupAsync(connection, groupKey, cancellationToken), cancellationToken);

    public Task SaveAlertCardAsync(string groupKey, string destination, string messageId, string status, CancellationToken cancellationToken) =>
        WriteRowsAsync("save alert card", (connection, transaction) =>
            AlertRows.SaveCardAsync(connection, transaction, groupKey, destination, messageId, status, cancellationToken), cancellationToken);

    public Task<bool> TryClaimAlertCardAsync(
        string groupKey, string claimant, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken) =>
        WriteRowsAsync("claim alert card", (connection, transaction) =>
            AlertRows.ClaimCardAsync(connection, transaction, groupKey, claimant, now, claimUntil, cancellationToken), cancellationToken);

    public Task ReleaseAlertCardClaimAsync(string groupKey, string claimant, CancellationToken cancellationToken) =>
        WriteRowsAsync("release alert card", (connection, transaction) =>
            AlertRows.ReleaseIncidentAsync(connection, transaction, groupKey, claimant, null, cancellationToken), cancellationToken);

    public Task<bool> TryClaimIncidentAsync(
        string groupKey, string claimant, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken) =>
        WriteRowsAsync("claim alert incident", (connection, transaction) =>
            AlertRows.ClaimIncidentAsync(connection, transaction, groupKey, claimant, now, claimUntil, cancellationToken), cancellationToken);

    public Task ReleaseIncidentClaimAsync(string groupKey, string claimant, string? incidentId, CancellationToken cancellationToken) =>
        WriteRowsAsync("release alert incident", (connection, transaction) =>
            AlertRows.ReleaseIncidentAsync(connection, transaction, groupKey, claimant, incidentId, cancellationToken), cancellationToken);
}
