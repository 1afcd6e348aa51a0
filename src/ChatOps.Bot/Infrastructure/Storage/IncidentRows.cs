using System.Data.Common;
using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// Incident statements and row mapping, the same in both dialects. Each method runs on the caller's connection and
/// transaction, so each store only decides how a transaction is opened (and SQLite's writer lock).
/// </summary>
internal static class IncidentRows
{
    /// <summary>
    /// One row per year, bumped by an upsert: the row lock (PostgreSQL) or the single writer (SQLite) makes two
    /// declares wait for each other, so every number is handed out once and none is skipped.
    /// </summary>
    private const string NextSequenceSql =
        "INSERT INTO incident_counters (year, last_seq) VALUES (@year, 1) " +
        "ON CONFLICT (year) DO UPDATE SET last_seq = incident_counters.last_seq + 1 RETURNING last_seq";

    public const string Columns =
        "id, severity, title, status, commander, lead, services, channel_id, declared_by, started_at, next_update_at, resolved_at, " +
        "platform, incident_channel, incident_channel_name, channel_setup, setup_error, timer_stage, timer_due_at, commander_name, lead_name";

    private const string InsertSql =
        "INSERT INTO incidents (id, year, seq, severity, title, status, commander, lead, services, channel_id, declared_by, " +
        "started_at, next_update_at, resolved_at, platform, channel_setup, channel_members, setup_due_at, timer_stage, timer_due_at, " +
        "commander_name, lead_name) " +
        "VALUES (@id, @year, @seq, @severity, @title, @status, @commander, @lead, @services, @channel_id, @declared_by, @started_at, " +
        "@next_update_at, NULL, @platform, @channel_setup, @channel_members, @started_at, 0, @next_update_at, @commander_name, @lead_name)";

    /// <summary>An update or severity change restarts the SLA clock from its first stage; a resolve stops it.</summary>
    private const string RearmSql = "UPDATE incidents SET timer_stage = 0, timer_due_at = @due WHERE id = @id";

    private const string DisarmSql = "UPDATE incidents SET timer_due_at = NULL WHERE id = @id";

    private const string InsertEntrySql =
        "INSERT INTO incident_timeline (incident_id, at, actor, kind, text) VALUES (@incident_id, @at, @actor, @kind, @text)";

    private const string ChangeSql =
        "UPDATE incidents SET severity = COALESCE(@severity, severity), commander = COALESCE(@commander, commander), " +
        "commander_name = COALESCE(@commander_name, commander_name), " +
        "status = COALESCE(@status, status), next_update_at = COALESCE(@next_update_at, next_update_at), " +
        "resolved_at = COALESCE(@resolved_at, resolved_at) WHERE id = @id";

    public static async Task<Incident> DeclareAsync(
        DbConnection connection, DbTransaction transaction, NewIncident incident, string requestId,
        Func<Incident, IReadOnlyList<OutboxMessage>> notify, CancellationToken cancellationToken)
    {
        var year = incident.StartedAt.UtcDateTime.Year;
        long sequence;
        await using (var next = DbValues.Command(connection, transaction, NextSequenceSql))
        {
            next.Add("@year", year);
            sequence = Convert.ToInt64(await next.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        var id = IncidentIds.Format(year, sequence);
        await using (var insert = DbValues.Command(connection, transaction, InsertSql))
        {
            insert.Add("@id", id);
            insert.Add("@year", year);
            insert.Add("@seq", sequence);
            insert.Add("@severity", incident.Severity);
            insert.Add("@title", incident.Title);
            insert.Add("@status", nameof(IncidentStatus.Investigating));
            insert.Add("@commander", incident.Commander);
            insert.Add("@lead", incident.Lead);
            insert.Add("@commander_name", incident.CommanderName ?? IncidentUsers.LocalId(incident.Commander));
            insert.Add("@lead_name", incident.Lead is null ? null : incident.LeadName ?? IncidentUsers.LocalId(incident.Lead));
            insert.Add("@services", string.Join(',', incident.Services));
            insert.Add("@channel_id", incident.ChannelId);
            insert.Add("@declared_by", incident.DeclaredBy);
            insert.Add("@started_at", AuditChain.ToUnixMicroseconds(incident.StartedAt));
            insert.Add("@next_update_at", AuditChain.ToUnixMicroseconds(incident.NextUpdateAt));
            insert.Add("@platform", incident.Platform);
            insert.Add("@channel_setup", (incident.ChannelMembers is null ? ChannelSetupState.None : ChannelSetupState.Pending).ToString());
            insert.Add("@channel_members", string.Join(',', incident.ChannelMembers ?? []));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertEntryAsync(connection, transaction, id,
            new TimelineEntry(incident.StartedAt, incident.DeclaredBy, TimelineKind.Declare, $"declared {incident.Severity}: {incident.Title}"),
            cancellationToken);
        var stored = (await GetAsync(connection, transaction, id, cancellationToken))!;
        await OutboxRows.QueueAsync(connection, transaction, requestId, notify(stored), incident.StartedAt, cancellationToken);
        return stored;
    }

    public static async Task<Incident?> ChangeAsync(
        DbConnection connection, DbTransaction transaction, IncidentChange change, CancellationToken cancellationToken)
    {
        var id = Canonical(change.Id);
        await using (var update = DbValues.Command(connection, transaction, ChangeSql))
        {
            update.Add("@id", id);
            update.Add("@severity", change.Severity);
            update.Add("@commander", change.Commander);
            update.Add("@commander_name", change.Commander is null ? null : change.CommanderName ?? IncidentUsers.LocalId(change.Commander));
            update.Add("@status", change.Status?.ToString());
            update.AddNullable("@next_update_at", change.NextUpdateAt is { } next ? AuditChain.ToUnixMicroseconds(next) : null);
            update.AddNullable("@resolved_at", change.ResolvedAt is { } resolved ? AuditChain.ToUnixMicroseconds(resolved) : null);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        if (change.ResolvedAt is not null || change.NextUpdateAt is not null)
        {
            await using var timer = DbValues.Command(connection, transaction, change.ResolvedAt is not null ? DisarmSql : RearmSql);
            timer.Add("@id", id);
            if (change.ResolvedAt is null)
            {
                timer.Add("@due", AuditChain.ToUnixMicroseconds(change.NextUpdateAt!.Value));
            }

            await timer.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertEntryAsync(connection, transaction, id, change.Entry, cancellationToken);
        return await GetAsync(connection, transaction, id, cancellationToken);
    }

    public static async Task<Incident?> GetAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        await using var get = DbValues.Command(connection, transaction, $"SELECT {Columns} FROM incidents WHERE id = @id");
        get.Add("@id", Canonical(id));
        return (await ReadAsync(get, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The open incident whose home a channel is: its own channel first, else the channel it was declared in.</summary>
    public static readonly string FindOpenSql =
        $"SELECT {Columns} FROM incidents WHERE (incident_channel = @channel_id OR channel_id = @channel_id) AND resolved_at IS NULL " +
        "ORDER BY CASE WHEN incident_channel = @channel_id THEN 0 ELSE 1 END, year DESC, seq DESC LIMIT 1";

    public static async Task<IReadOnlyList<Incident>> ListAsync(DbConnection connection, bool openOnly, CancellationToken cancellationToken)
    {
        var where = openOnly ? " WHERE resolved_at IS NULL" : string.Empty;
        await using var list = DbValues.Command(connection, null, $"SELECT {Columns} FROM incidents{where} ORDER BY year DESC, seq DESC");
        return await ReadAsync(list, cancellationToken);
    }

    public static async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(DbConnection connection, string id, CancellationToken cancellationToken)
    {
        await using var timeline = DbValues.Command(connection, null,
            "SELECT at, actor, kind, text FROM incident_timeline WHERE incident_id = @incident_id ORDER BY id");
        timeline.Add("@incident_id", Canonical(id));
        await using var reader = await timeline.ExecuteReaderAsync(cancellationToken);
        var entries = new List<TimelineEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new TimelineEntry(
                AuditChain.FromUnixMicroseconds(reader.GetInt64(0)),
                reader.GetString(1),
                StoreEnum.Parse<TimelineKind>(reader.GetString(2), "incident_timeline.kind"),
                reader.GetString(3)));
        }

        return entries;
    }

    public static async Task InsertEntryAsync(
        DbConnection connection, DbTransaction transaction, string id, TimelineEntry entry, CancellationToken cancellationToken)
    {
        await using var insert = DbValues.Command(connection, transaction, InsertEntrySql);
        insert.Add("@incident_id", id);
        insert.Add("@at", AuditChain.ToUnixMicroseconds(entry.At));
        insert.Add("@actor", entry.Who);
        insert.Add("@kind", entry.Kind.ToString());
        insert.Add("@text", entry.Text);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<Incident>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var incidents = new List<Incident>();
        while (await reader.ReadAsync(cancellationToken))
        {
            incidents.Add(Read(new DbRowColumns(reader)));
        }

        return incidents;
    }

    /// <summary>One row of <see cref="Columns"/>, however it was read.</summary>
    public static Incident Read<TRow>(TRow row)
        where TRow : IRowColumns =>
        new(
            row.Text(0),
            row.Text(1),
            row.Text(2),
            StoreEnum.Parse<IncidentStatus>(row.Text(3), "incidents.status"),
            row.Text(4),
            row.NullableText(5),
            row.Text(6).Split(',', StringSplitOptions.RemoveEmptyEntries),
            row.Text(7),
            row.Text(8),
            AuditChain.FromUnixMicroseconds(row.Int64(9)),
            AuditChain.FromUnixMicroseconds(row.Int64(10)),
            row.NullableInt64(11) is { } resolved ? AuditChain.FromUnixMicroseconds(resolved) : null)
        {
            Platform = row.Text(12),
            IncidentChannel = row.NullableText(13),
            IncidentChannelName = row.NullableText(14),
            ChannelSetup = StoreEnum.Parse<ChannelSetupState>(row.Text(15), "incidents.channel_setup"),
            ChannelSetupError = row.NullableText(16),
            TimerStage = (int)row.Int64(17),
            TimerDueAt = row.NullableInt64(18) is { } due ? AuditChain.FromUnixMicroseconds(due) : null,
            CommanderName = row.Text(19),
            LeadName = row.NullableText(20),
        };

    /// <summary>Ids are looked up as typed by people; anything that is not an id simply matches nothing.</summary>
    public static string Canonical(string id) => IncidentIds.TryNormalize(id, out var canonical) ? canonical : id;
}
