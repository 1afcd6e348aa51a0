using System.Data.Common;
using ChatOps.Bot.Features.Alerts;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// Alertmanager statements, the same in both dialects. The claims are single upserts whose WHERE decides the
/// winner: a racing second caller changes no row, on PostgreSQL (the row lock re-checks the WHERE) and on SQLite (one writer).
/// </summary>
internal static class AlertRows
{
    private const string RecordSql =
        "INSERT INTO alert_notifications (key, group_key, status, received_at, lease_until, processed_at) " +
        "VALUES (@key, @group_key, @status, @now, @lease_until, NULL) " +
        "ON CONFLICT (key) DO UPDATE SET received_at = excluded.received_at, lease_until = excluded.lease_until " +
        "WHERE alert_notifications.processed_at IS NULL AND alert_notifications.lease_until <= @now";

    /// <summary>Handled notifications are forgotten after a week, a few at a time; a late re-send only refreshes the card.</summary>
    private const string PruneSql =
        "DELETE FROM alert_notifications WHERE key IN " +
        "(SELECT key FROM alert_notifications WHERE processed_at IS NOT NULL AND processed_at <= @cutoff LIMIT 100)";

    private const string CompleteSql = "UPDATE alert_notifications SET processed_at = @now WHERE key = @key";

    private const string GetGroupSql =
        "SELECT group_key, destination, message_id, card_status, incident_id FROM alert_groups WHERE group_key = @group_key";

    private const string SaveCardSql =
        "INSERT INTO alert_groups (group_key, destination, message_id, card_status) VALUES (@group_key, @destination, @message_id, @status) " +
        "ON CONFLICT (group_key) DO UPDATE SET destination = excluded.destination, message_id = excluded.message_id, card_status = excluded.card_status";

    /// <summary>An incident linked to the group blocks a new one until it is resolved.</summary>
    private const string ClaimIncidentSql =
        "INSERT INTO alert_groups (group_key, claimed_by, claim_until) VALUES (@group_key, @claimant, @claim_until) " +
        "ON CONFLICT (group_key) DO UPDATE SET claimed_by = excluded.claimed_by, claim_until = excluded.claim_until " +
        "WHERE (alert_groups.claim_until IS NULL OR alert_groups.claim_until <= @now) AND (alert_groups.incident_id IS NULL OR " +
        "EXISTS (SELECT 1 FROM incidents i WHERE i.id = alert_groups.incident_id AND i.resolved_at IS NOT NULL))";

    /// <summary>The same two columns as the incident claim: one claim on a group at a time, whatever it is for.</summary>
    private const string ClaimCardSql =
        "INSERT INTO alert_groups (group_key, claimed_by, claim_until) VALUES (@group_key, @claimant, @claim_until) " +
        "ON CONFLICT (group_key) DO UPDATE SET claimed_by = excluded.claimed_by, claim_until = excluded.claim_until " +
        "WHERE alert_groups.claim_until IS NULL OR alert_groups.claim_until <= @now OR alert_groups.claimed_by = @claimant";

    private const string ReleaseIncidentSql =
        "UPDATE alert_groups SET incident_id = COALESCE(@incident_id, incident_id), claimed_by = NULL, claim_until = NULL " +
        "WHERE group_key = @group_key AND claimed_by = @claimant";

    public static async Task<bool> RecordAsync(
        DbConnection connection, DbTransaction transaction, string key, string groupKey, string status, DateTimeOffset now,
        DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var nowMicros = AuditChain.ToUnixMicroseconds(now);
        await using (var prune = DbValues.Command(connection, transaction, PruneSql))
        {
            prune.Add("@cutoff", AuditChain.ToUnixMicroseconds(now.AddDays(-7)));
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var record = DbValues.Command(connection, transaction, RecordSql);
        record.Add("@key", key);
        record.Add("@group_key", groupKey);
        record.Add("@status", status);
        record.Add("@now", nowMicros);
        record.Add("@lease_until", AuditChain.ToUnixMicroseconds(leaseUntil));
        return await record.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<bool> CompleteAsync(
        DbConnection connection, DbTransaction transaction, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var complete = DbValues.Command(connection, transaction, CompleteSql);
        complete.Add("@key", key);
        complete.Add("@now", AuditChain.ToUnixMicroseconds(now));
        return await complete.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<AlertGroup?> GetGroupAsync(DbConnection connection, string groupKey, CancellationToken cancellationToken)
    {
        await using var get = DbValues.Command(connection, null, GetGroupSql);
        get.Add("@group_key", groupKey);
        await using var reader = await get.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AlertGroup(reader.GetString(0), reader.GetNullableString(1), reader.GetNullableString(2), reader.GetNullableString(3), reader.GetNullableString(4))
            : null;
    }

    public static async Task<bool> SaveCardAsync(
        DbConnection connection, DbTransaction transaction, string groupKey, string destination, string messageId, string status,
        CancellationToken cancellationToken)
    {
        await using var save = DbValues.Command(connection, transaction, SaveCardSql);
        save.Add("@group_key", groupKey);
        save.Add("@destination", destination);
        save.Add("@message_id", messageId);
        save.Add("@status", status);
        return await save.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static Task<bool> ClaimIncidentAsync(
        DbConnection connection, DbTransaction transaction, string groupKey, string claimant, DateTimeOffset now, DateTimeOffset claimUntil,
        CancellationToken cancellationToken) =>
        ClaimAsync(connection, transaction, ClaimIncidentSql, groupKey, claimant, now, claimUntil, cancellationToken);

    public static Task<bool> ClaimCardAsync(
        DbConnection connection, DbTransaction transaction, string groupKey, string claimant, DateTimeOffset now, DateTimeOffset claimUntil,
        CancellationToken cancellationToken) =>
        ClaimAsync(connection, transaction, ClaimCardSql, groupKey, claimant, now, claimUntil, cancellationToken);

    public static async Task<bool> ReleaseIncidentAsync(
        DbConnection connection, DbTransaction transaction, string groupKey, string claimant, string? incidentId, CancellationToken cancellationToken)
    {
        await using var release = DbValues.Command(connection, transaction, ReleaseIncidentSql);
        release.Add("@group_key", groupKey);
        release.Add("@claimant", claimant);
        release.Add("@incident_id", incidentId);
        return await release.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<bool> ClaimAsync(
        DbConnection connection, DbTransaction transaction, string sql, string groupKey, string claimant, DateTimeOffset now,
        DateTimeOffset claimUntil, CancellationToken cancellationToken)
    {
        await using var claim = DbValues.Command(connection, transaction, sql);
        claim.Add("@group_key", groupKey);
        claim.Add("@claimant", claimant);
        claim.Add("@now", AuditChain.ToUnixMicroseconds(now));
        claim.Add("@claim_until", AuditChain.ToUnixMicroseconds(claimUntil));
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
