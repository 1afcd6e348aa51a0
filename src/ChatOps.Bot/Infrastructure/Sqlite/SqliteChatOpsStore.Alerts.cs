using ChatOps.Bot.Infrastructure.Storage;
using ChatOps.Bot.Operations.Alerts;

namespace ChatOps.Bot.Infrastructure.Sqlite;

public sealed partial class SqliteChatOpsStore
{
    public Task<bool> TryRecordNotificationAsync(
        string key, string groupKey, string status, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return WriteAsync("record alert notification", (connection, transaction) =>
            AlertRows.RecordAsync(connection, transaction, key, groupKey, status, now, leaseUntil, cancellationToken), cancellationToken);
    }

    public Task CompleteNotificationAsync(string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync("complete alert notification", (connection, transaction) =>
            AlertRows.CompleteAsync(connection, transaction, key, now, cancellationToken), cancellationToken);

    public Task<AlertGroup?> GetAlertGroupAsync(string groupKey, CancellationToken cancellationToken) =>
        ReadAsync("read alert group", connection => AlertRows.GetGroupAsync(connection, groupKey, cancellationToken), cancellationToken);

    public Task SaveAlertCardAsync(string groupKey, string destination, string messageId, string status, CancellationToken cancellationToken) =>
        WriteAsync("save alert card", (connection, transaction) =>
            AlertRows.SaveCardAsync(connection, transaction, groupKey, destination, messageId, status, cancellationToken), cancellationToken);

    public Task<bool> TryClaimAlertCardAsync(
        string groupKey, string claimant, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken) =>
        WriteAsync("claim alert card", (connection, transaction) =>
            AlertRows.ClaimCardAsync(connection, transaction, groupKey, claimant, now, claimUntil, cancellationToken), cancellationToken);

    public Task ReleaseAlertCardClaimAsync(string groupKey, string claimant, CancellationToken cancellationToken) =>
        WriteAsync("release alert card", (connection, transaction) =>
            AlertRows.ReleaseIncidentAsync(connection, transaction, groupKey, claimant, null, cancellationToken), cancellationToken);

    public Task<bool> TryClaimIncidentAsync(
        string groupKey, string claimant, DateTimeOffset now, DateTimeOffset claimUntil, CancellationToken cancellationToken) =>
        WriteAsync("claim alert incident", (connection, transaction) =>
            AlertRows.ClaimIncidentAsync(connection, transaction, groupKey, claimant, now, claimUntil, cancellationToken), cancellationToken);

    public Task ReleaseIncidentClaimAsync(string groupKey, string claimant, string? incidentId, CancellationToken cancellationToken) =>
        WriteAsync("release alert incident", (connection, transaction) =>
            AlertRows.ReleaseIncidentAsync(connection, transaction, groupKey, claimant, incidentId, cancellationToken), cancellationToken);
}
