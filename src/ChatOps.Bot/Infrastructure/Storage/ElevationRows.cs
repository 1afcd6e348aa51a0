using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The elevation statements both stores share; times are Unix microseconds like every other table.</summary>
internal static class ElevationRows
{
    private const string Columns = "id, subject, role, target, namespace, reason, incident, granted_by, granted_at, expires_at";

    private const string LiveAnyone = "revoked_at IS NULL AND granted_at <= @now AND expires_at > @now";

    private const string Live = $"subject = @subject AND {LiveAnyone}";

    public static async Task<bool> InsertAsync(DbConnection connection, DbTransaction transaction, Elevation e, CancellationToken cancellationToken)
    {
        await using var command = DbValues.Command(connection, transaction,
            $"INSERT INTO elevations ({Columns}) VALUES (@id, @subject, @role, @target, @namespace, @reason, @incident, @granted_by, @granted_at, @expires_at)");
        command.Add("@id", e.Id);
        command.Add("@subject", e.Subject);
        command.Add("@role", e.Role.ToString().ToLowerInvariant());
        command.Add("@target", e.Target);
        command.Add("@namespace", e.Namespace);
        command.Add("@reason", e.Reason);
        command.Add("@incident", e.Incident);
        command.Add("@granted_by", e.GrantedBy);
        command.Add("@granted_at", AuditChain.ToUnixMicroseconds(e.GrantedAt));
        command.Add("@expires_at", AuditChain.ToUnixMicroseconds(e.ExpiresAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// One subject's live elevations: read by every command whose caller's bindings fall short (break-glass work at
    /// 3 a.m. is that), so the store may keep it compiled (<see cref="BindActive"/>, <see cref="ReadRowsAsync"/>).
    /// </summary>
    public const string ActiveSql = $"SELECT {Columns} FROM elevations WHERE {Live} ORDER BY granted_at, id";

    public static void BindActive(DbCommand command, string subject, DateTimeOffset now)
    {
        command.Set("@subject", subject);
        command.Set("@now", AuditChain.ToUnixMicroseconds(now));
    }

    public static Task<IReadOnlyList<Elevation>> AllActiveAsync(DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(DbValues.Command(connection, null, $"SELECT {Columns} FROM elevations WHERE {LiveAnyone} ORDER BY granted_at, id"), null, now, null, cancellationToken);

    /// <summary>One statement: of two replicas revoking at once, the second finds the rows already stamped.</summary>
    public static Task<IReadOnlyList<Elevation>> RevokeAsync(
        DbConnection connection, DbTransaction transaction, string subject, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(DbValues.Command(connection, transaction,
                $"UPDATE elevations SET revoked_at = @now, revoked_by = @revoked_by WHERE {Live} RETURNING {Columns}"),
            subject, now, revokedBy, cancellationToken);

    /// <summary>One live elevation by id, whoever holds it; the same single statement, so it too ends at most once.</summary>
    public static async Task<Elevation?> RevokeOneAsync(
        DbConnection connection, DbTransaction transaction, string id, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var command = DbValues.Command(connection, transaction,
            $"UPDATE elevations SET revoked_at = @now, revoked_by = @revoked_by WHERE id = @id AND {LiveAnyone} RETURNING {Columns}");
        command.Add("@id", id);
        return (await ReadAsync(command, subject: null, now, revokedBy, cancellationToken)).SingleOrDefault();
    }

    private const string Unannounced = "revoked_at IS NULL AND expires_at <= @now AND expiry_announced_at IS NULL";

    /// <summary>
    /// Claims each expired, unrevoked, unannounced elevation with one conditional UPDATE and queues its announcement in
    /// the same transaction; a replica whose UPDATE finds the row already stamped queues nothing for it.
    /// </summary>
    public static async Task<IReadOnlyList<Elevation>> AnnounceExpiredAsync(
        DbConnection connection, DbTransaction transaction, string lockClause, DateTimeOffset now, int max,
        Func<Elevation, IReadOnlyList<OutboxMessage>> announce, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var select = DbValues.Command(connection, transaction,
            $"SELECT {Columns} FROM elevations WHERE {Unannounced} ORDER BY expires_at, id LIMIT @max{lockClause}");
        select.Add("@max", max);
        var due = await ReadAsync(select, subject: null, now, null, cancellationToken);

        var announced = new List<Elevation>();
        foreach (var e in due)
        {
            if (!await ClaimExpiryAsync(connection, transaction, e.Id, now, cancellationToken))
            {
                continue;
            }

            await OutboxRows.QueueAsync(connection, transaction, e.Id, announce(e), now, cancellationToken);
            announced.Add(e);
        }

        return announced;
    }

    /// <summary>The claim itself: true for exactly one caller per expiry.</summary>
    private static async Task<bool> ClaimExpiryAsync(
        DbConnection connection, DbTransaction transaction, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var claim = DbValues.Command(connection, transaction,
            $"UPDATE elevations SET expiry_announced_at = @now WHERE id = @id AND {Unannounced}");
        claim.Add("@id", id);
        claim.Add("@now", AuditChain.ToUnixMicroseconds(now));
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<IReadOnlyList<Elevation>> ReadAsync(
        DbCommand command, string? subject, DateTimeOffset now, string? revokedBy, CancellationToken cancellationToken)
    {
        await using (command)
        {
            if (subject is not null)
            {
                command.Add("@subject", subject);
            }

            command.Add("@now", AuditChain.ToUnixMicroseconds(now));
            if (revokedBy is not null)
            {
                command.Add("@revoked_by", revokedBy);
            }

            return await ReadRowsAsync(command, cancellationToken);
        }
    }

    /// <summary>The rows of a bound statement of <see cref="Columns"/>; the command stays the caller's.</summary>
    public static async Task<IReadOnlyList<Elevation>> ReadRowsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<Elevation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(new DbRowColumns(reader)));
        }

        return rows;
    }

    /// <summary>One row of <see cref="Columns"/>, however it was read.</summary>
    public static Elevation Read<TRow>(TRow row)
        where TRow : IRowColumns => new(
            row.Text(0), row.Text(1), Enum.Parse<Role>(row.Text(2), ignoreCase: true),
            row.NullableText(3), row.NullableText(4), row.Text(5), row.NullableText(6),
            row.Text(7), AuditChain.FromUnixMicroseconds(row.Int64(8)), AuditChain.FromUnixMicroseconds(row.Int64(9)));
}
