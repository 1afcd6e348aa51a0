using System.Data.Common;
using ChatOps.Bot.Features.Incidents;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// Channel setups and SLA timers: the work that outlives a command. The same statements in both dialects, except the
/// row lock a claim takes — PostgreSQL passes <c>FOR UPDATE SKIP LOCKED</c> so concurrent replicas claim disjoint
/// rows; SQLite has one writer at a time and passes nothing.
/// </summary>
internal static class IncidentJobRows
{
    private const string ClaimableSetup =
        "channel_setup = 'Pending' AND setup_due_at <= @now AND (setup_lease_until IS NULL OR setup_lease_until <= @now)";

    /// <summary>A claimer whose lease ran out and was taken over no longer owns the row, so its late writes change nothing.</summary>
    private const string Leased = "id = @id AND channel_setup = 'Pending' AND setup_owner = @owner";

    public static async Task<IReadOnlyList<ChannelSetupJob>> ClaimSetupsAsync(
        DbConnection connection, DbTransaction transaction, string lockClause, string? id, string owner, DateTimeOffset now, TimeSpan lease,
        int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var ids = new List<string>();
        await using (var select = DbValues.Command(connection, transaction,
            $"SELECT id FROM incidents WHERE {ClaimableSetup}{(id is null ? string.Empty : " AND id = @id")} " +
            $"ORDER BY setup_due_at, id LIMIT @max{lockClause}"))
        {
            select.Add("@now", AuditChain.ToUnixMicroseconds(now));
            select.Add("@max", max);
            if (id is not null)
            {
                select.Add("@id", IncidentRows.Canonical(id));
            }

            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }
        }

        var jobs = new List<ChannelSetupJob>();
        foreach (var claimed in ids)
        {
            await using (var update = DbValues.Command(connection, transaction,
                $"UPDATE incidents SET setup_owner = @owner, setup_lease_until = @until WHERE id = @id AND {ClaimableSetup}"))
            {
                update.Add("@owner", owner);
                update.Add("@until", AuditChain.ToUnixMicroseconds(now + lease));
                update.Add("@id", claimed);
                update.Add("@now", AuditChain.ToUnixMicroseconds(now));
                if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    continue;
                }
            }

            await using var read = DbValues.Command(connection, transaction,
                "SELECT channel_members, setup_attempts FROM incidents WHERE id = @id");
            read.Add("@id", claimed);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var members = reader.GetString(0).Split(',', StringSplitOptions.RemoveEmptyEntries);
            var attempts = (int)reader.GetInt64(1);
            await reader.CloseAsync();
            var incident = (await IncidentRows.GetAsync(connection, transaction, claimed, cancellationToken))!;
            jobs.Add(new ChannelSetupJob(incident, members, attempts));
        }

        return jobs;
    }

    public static async Task<bool> RecordChannelAsync(
        DbConnection connection, DbTransaction? transaction, string id, string owner, CreatedChannel channel, CancellationToken cancellationToken)
    {
        await using var update = DbValues.Command(connection, transaction,
            $"UPDATE incidents SET incident_channel = @channel, incident_channel_name = @name WHERE {Leased} AND incident_channel IS NULL");
        update.Add("@channel", channel.Id);
        update.Add("@name", channel.Name);
        BindLease(update, id, owner);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task<Incident?> CompleteSetupAsync(
        DbConnection connection, DbTransaction transaction, string id, string owner, TimelineEntry entry, IReadOnlyList<OutboxMessage> messages,
        CancellationToken cancellationToken)
    {
        await using (var update = DbValues.Command(connection, transaction,
            $"UPDATE incidents SET channel_setup = 'Done', setup_owner = NULL, setup_lease_until = NULL, setup_error = NULL WHERE {Leased}"))
        {
            BindLease(update, id, owner);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        var canonical = IncidentRows.Canonical(id);
        await IncidentRows.InsertEntryAsync(connection, transaction, canonical, entry, cancellationToken);
        await OutboxRows.QueueAsync(connection, transaction, canonical, messages, entry.At, cancellationToken);
        return await IncidentRows.GetAsync(connection, transaction, canonical, cancellationToken);
    }

    public static async Task FailSetupAsync(
        DbConnection connection, DbTransaction? transaction, string id, string owner, DateTimeOffset retryAt, string error,
        CancellationToken cancellationToken)
    {
        await using var update = DbValues.Command(connection, transaction,
            "UPDATE incidents SET setup_attempts = setup_attempts + 1, setup_due_at = @retry_at, setup_error = @error, " +
            $"setup_owner = NULL, setup_lease_until = NULL WHERE {Leased}");
        update.Add("@retry_at", AuditChain.ToUnixMicroseconds(retryAt));
        update.Add("@error", error.Length > OutboxRows.MaxErrorLength ? error[..OutboxRows.MaxErrorLength] : error);
        BindLease(update, id, owner);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<Incident>> FireTimersAsync(
        DbConnection connection, DbTransaction transaction, string lockClause, DateTimeOffset now, int max, Func<Incident, TimerFiring> fire,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        IReadOnlyList<Incident> due;
        await using (var select = DbValues.Command(connection, transaction,
            $"SELECT {IncidentRows.Columns} FROM incidents WHERE timer_due_at <= @now AND resolved_at IS NULL " +
            $"ORDER BY timer_due_at, id LIMIT @max{lockClause}"))
        {
            select.Add("@now", AuditChain.ToUnixMicroseconds(now));
            select.Add("@max", max);
            due = await IncidentRows.ReadAsync(select, cancellationToken);
        }

        var fired = new List<Incident>();
        foreach (var incident in due)
        {
            var firing = fire(incident);
            await using (var update = DbValues.Command(connection, transaction,
                "UPDATE incidents SET timer_stage = @next_stage, timer_due_at = @next_due " +
                "WHERE id = @id AND timer_stage = @stage AND timer_due_at = @due AND resolved_at IS NULL"))
            {
                update.Add("@next_stage", (long)firing.NextStage);
                update.AddNullable("@next_due", firing.NextDueAt is { } next ? AuditChain.ToUnixMicroseconds(next) : null);
                update.Add("@id", incident.Id);
                update.Add("@stage", (long)incident.TimerStage);
                update.Add("@due", AuditChain.ToUnixMicroseconds(incident.TimerDueAt!.Value));
                if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    continue;
                }
            }

            await IncidentRows.InsertEntryAsync(connection, transaction, incident.Id, firing.Entry, cancellationToken);
            await OutboxRows.QueueAsync(connection, transaction, incident.Id, firing.Messages, now, cancellationToken);
            fired.Add(incident);
        }

        return fired;
    }

    public static async Task<bool> AppendAsync(
        DbConnection connection, DbTransaction transaction, string id, TimelineEntry entry, CancellationToken cancellationToken)
    {
        var canonical = IncidentRows.Canonical(id);
        await using (var open = DbValues.Command(connection, transaction, "SELECT COUNT(*) FROM incidents WHERE id = @id AND resolved_at IS NULL"))
        {
            open.Add("@id", canonical);
            if (Convert.ToInt64(await open.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return false;
            }
        }

        await IncidentRows.InsertEntryAsync(connection, transaction, canonical, entry, cancellationToken);
        return true;
    }

    private static void BindLease(DbCommand command, string id, string owner)
    {
        command.Add("@id", IncidentRows.Canonical(id));
        command.Add("@owner", owner);
    }
}
