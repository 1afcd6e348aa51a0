using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The audit_entries row layout both stores share: column list, insert binding and decoding.</summary>
internal static class AuditRows
{
    public const string Columns =
        "seq, request_id, at, platform, user_id, user_name, channel_id, raw_text, parsed_request, target, " +
        "decision, approver, outcome, error, duration_ms, correlation_id, prev_hash, hash, key_id, break_glass";

    public static readonly string InsertSql = DbValues.InsertSql("audit_entries", Columns);

    /// <summary>What the next record links to: the newest sequence number and hash.</summary>
    public const string HeadLinkSql = "SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1";

    /// <summary>The newest record: the head that is published and that <c>audit verify --against</c> checks.</summary>
    public const string HeadSql = "SELECT " + Columns + " FROM audit_entries ORDER BY seq DESC LIMIT 1";

    public const string EntrySql = "SELECT " + Columns + " FROM audit_entries WHERE seq = @seq";

    /// <summary>
    /// The hash is computed over the normalized record, which is exactly what a later read gives back, so
    /// verifying the stored row recomputes the same hash: time to the microsecond, and text in its
    /// <see cref="AuditRecordText.Safe(AuditRecord)"/> form, which both stores keep byte for byte (no NUL, no lone surrogate).
    /// Whatever door a record came in by, this is the last one before the row, so the rule holds for all of them.
    /// It is keyed with the active chain key, whose id is stored with the row so that verification after a rotation
    /// finds the right key.
    /// </summary>
    public static AuditEntry Chain(long headSequence, string headHash, AuditRecord record, AuditChainKey key)
    {
        var normalized = AuditRecordText.Safe(record) with { At = AuditChain.Normalize(record.At) };
        var sequence = headSequence + 1;
        return new AuditEntry(sequence, normalized, headHash, AuditChain.Hash(headHash, sequence, normalized, key)) { KeyId = key.Id };
    }

    /// <summary>Binds one entry to <see cref="InsertSql"/>, on a new command or on a prepared one whose parameters are reused.</summary>
    public static void BindInsert<T>(T command, AuditEntry entry)
        where T : IRowStatement
    {
        var r = entry.Record;
        command.Set("@seq", entry.Sequence);
        command.Set("@request_id", r.RequestId);
        command.Set("@at", AuditChain.ToUnixMicroseconds(r.At));
        command.Set("@platform", r.Platform);
        command.Set("@user_id", r.UserId);
        command.Set("@user_name", r.UserName);
        command.Set("@channel_id", r.ChannelId);
        command.Set("@raw_text", r.RawText);
        command.Set("@parsed_request", r.ParsedRequest);
        command.Set("@target", r.Target);
        command.Set("@decision", r.Decision.ToString());
        command.Set("@approver", r.Approver);
        command.Set("@outcome", r.Outcome.ToString());
        command.Set("@error", r.Error);
        command.Set("@duration_ms", r.DurationMs);
        command.Set("@correlation_id", r.CorrelationId);
        command.Set("@prev_hash", entry.PreviousHash);
        command.Set("@hash", entry.Hash);
        command.Set("@key_id", entry.KeyId);
        command.Set("@break_glass", r.BreakGlass);
    }

    /// <summary>
    /// Reads the chain head, then links each record to the one before it and inserts it with its lines. Call it
    /// holding the store's append lock, so the head read is the latest one.
    /// </summary>
    public static async Task<IReadOnlyList<AuditEntry>> InsertChainAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditAppend> appends, AuditChainKey key, CancellationToken cancellationToken)
    {
        long headSequence = 0;
        var headHash = AuditChain.Genesis;
        await using (var head = DbValues.Command(connection, transaction, HeadLinkSql))
        {
            await using var reader = await head.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                headSequence = reader.GetInt64(0);
                headHash = reader.GetString(1);
            }
        }

        var entries = new List<AuditEntry>(appends.Count);
        foreach (var append in appends)
        {
            var entry = Chain(headSequence, headHash, append.Record, key);
            await using (var insert = DbValues.Command(connection, transaction, InsertSql))
            {
                BindInsert(new CommandStatement(insert), entry);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            // The record's lines are not hashed, but commit with it: a line the store refuses would take its record
            // down with it, so their text is made safe the same way. Their clock is the record's own time.
            await OutboxRows.QueueAsync(
                connection, transaction, entry.Record.RequestId, append.Outbox.Select(m => m with { Text = AuditText.Safe(m.Text) }),
                entry.Record.At, cancellationToken);
            entries.Add(entry);
            (headSequence, headHash) = (entry.Sequence, entry.Hash);
        }

        return entries;
    }

    /// <summary>Runs <see cref="BindQuery"/>'s statement on a fresh command of <paramref name="connection"/>.</summary>
    public static async Task<IReadOnlyList<AuditRecord>> QueryAsync(DbConnection connection, AuditQuery query, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        BindQuery(command, query);
        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader).Record);
        }

        return records;
    }

    /// <summary>
    /// The newest entry of each request (a mutating request is appended twice), filtered on that newest entry.
    /// "Newest" is chain order, not the record's clock: seq is the order the store committed them in.
    /// </summary>
    public static void BindQuery(DbCommand command, AuditQuery query)
    {
        var sql = new System.Text.StringBuilder("SELECT ").Append(Columns).Append(
            " FROM audit_entries a WHERE NOT EXISTS " +
            "(SELECT 1 FROM audit_entries n WHERE n.request_id = a.request_id AND n.seq > a.seq)");
        if (query.UserId is not null)
        {
            sql.Append(" AND a.user_id = @user_id");
            command.Add("@user_id", query.UserId);
        }

        if (query.Since is { } since)
        {
            sql.Append(" AND a.at >= @since");
            command.Add("@since", AuditChain.ToUnixMicroseconds(since));
        }

        sql.Append(" ORDER BY a.seq DESC LIMIT @last");
        command.Add("@last", Math.Max(query.Last, 0));
        command.CommandText = sql.ToString();
    }

    /// <summary>Reads a row for a query; a row that no longer decodes is reported, not guessed at.</summary>
    public static AuditEntry Read(DbDataReader reader) =>
        TryRead(reader, out var entry, out var problem)
            ? entry
            : throw new InvalidDataException($"audit record #{entry.Sequence} cannot be read: {problem}");

    /// <summary>
    /// Reads a row for verification. A row whose enum columns were rewritten to something that is not a name cannot
    /// be the record that was hashed, so its hash is blanked: the chain walk then reports exactly this row.
    /// </summary>
    public static AuditEntry ReadForVerification(DbDataReader reader) =>
        TryRead(reader, out var entry, out _) ? entry : entry with { Hash = string.Empty };

    private static bool TryRead(DbDataReader reader, out AuditEntry entry, out string? problem)
    {
        problem = null;
        var decisionText = reader.GetString(10);
        var outcomeText = reader.GetString(12);
        if (!StoreEnum.TryParse<AuditDecision>(decisionText, out var decision))
        {
            problem = $"unknown decision '{decisionText}'";
        }

        if (!StoreEnum.TryParse<AuditOutcome>(outcomeText, out var outcome))
        {
            problem = $"unknown outcome '{outcomeText}'";
        }

        var record = new AuditRecord(
            RequestId: reader.GetString(1),
            At: AuditChain.FromUnixMicroseconds(reader.GetInt64(2)),
            Platform: reader.GetString(3),
            UserId: reader.GetString(4),
            UserName: reader.GetString(5),
            ChannelId: reader.GetString(6),
            RawText: reader.GetString(7),
            ParsedRequest: reader.GetString(8),
            Target: reader.GetNullableString(9),
            Decision: decision,
            Approver: reader.GetNullableString(11),
            Outcome: outcome,
            Error: reader.GetNullableString(13),
            DurationMs: reader.GetInt64(14),
            CorrelationId: reader.GetString(15)) { BreakGlass = reader.GetNullableString(19) };
        entry = new AuditEntry(reader.GetInt64(0), record, reader.GetString(16), reader.GetString(17)) { KeyId = reader.GetNullableString(18) };
        return problem is null;
    }
}
