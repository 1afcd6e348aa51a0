using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>The approvals / approval_votes layout both stores share. Times are Unix microseconds, enums names.</summary>
internal static class ApprovalRows
{
    public const string Columns =
        "id, request_hash, canonical_command, raw_text, platform, requester_id, requester_name, channel_id, thread_id, " +
        "request_correlation_id, required_role, target, namespace, created_at, expires_at, required_approvers, status, " +
        "decided_by, reason, approver_rule, approver_role, approver_from";

    /// <summary>The ordinal of the first column a query selects after <see cref="Columns"/>.</summary>
    public static readonly int ColumnCount = Columns.Split(',').Length;

    public static readonly string InsertSql = DbValues.InsertSql("approvals", Columns);

    /// <summary>Finds the row a vote is about to change; a dialect appends its row lock.</summary>
    public const string ExistsSql = "SELECT 1 FROM approvals WHERE id = @id";

    public const string SelectByIdSql = "SELECT " + Columns + " FROM approvals WHERE id = @id";

    public const string SelectVotesSql = "SELECT approver FROM approval_votes WHERE approval_id = @id ORDER BY id";

    public const string InsertVoteSql =
        "INSERT INTO approval_votes (approval_id, approver, voted_at) VALUES (@id, @approver, @voted_at)";

    public const string SetStatusSql = "UPDATE approvals SET status = @status WHERE id = @id AND status = @expected";

    public const string DenySql =
        "UPDATE approvals SET status = 'Denied', decided_by = @decided_by, reason = @reason, decided_at = @decided_at " +
        "WHERE id = @id AND status = 'Pending'";

    /// <summary>A success keeps whatever reason was recorded before; a failure records its error.</summary>
    public const string CompleteSql =
        "UPDATE approvals SET status = @status, reason = COALESCE(@error, reason) WHERE id = @id AND status = 'Executing'";

    public const string CountPendingSql = "SELECT COUNT(*) FROM approvals WHERE status = 'Pending' AND expires_at > @now";

    public static void BindInsert(DbCommand command, PendingApproval a)
    {
        command.Add("@id", a.Id);
        command.Add("@request_hash", a.RequestHash);
        command.Add("@canonical_command", a.CanonicalCommand);
        command.Add("@raw_text", a.RawText);
        command.Add("@platform", a.Platform);
        command.Add("@requester_id", a.RequesterId);
        command.Add("@requester_name", a.RequesterName);
        command.Add("@channel_id", a.ChannelId);
        command.Add("@thread_id", a.ThreadId);
        command.Add("@request_correlation_id", a.RequestCorrelationId);
        command.Add("@required_role", a.RequiredRole.ToString());
        command.Add("@target", a.Target);
        command.Add("@namespace", a.Namespace);
        command.Add("@created_at", AuditChain.ToUnixMicroseconds(a.CreatedAt));
        command.Add("@expires_at", AuditChain.ToUnixMicroseconds(a.ExpiresAt));
        command.Add("@required_approvers", a.RequiredApprovers);
        command.Add("@status", a.Status.ToString());
        command.Add("@decided_by", a.DecidedBy);
        command.Add("@reason", a.Reason);
        command.Add("@approver_rule", a.Eligible?.Rule);
        command.Add("@approver_role", a.Eligible?.Role?.ToString());
        command.Add("@approver_from", a.Eligible?.FromText);
    }

    public static async Task InsertVoteAsync(
        DbConnection connection, DbTransaction transaction, string id, string approver, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var insert = DbValues.Command(connection, transaction, InsertVoteSql);
        insert.Add("@id", id);
        insert.Add("@approver", approver);
        insert.Add("@voted_at", AuditChain.ToUnixMicroseconds(at));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public static void BindCompletion(DbCommand command, string id, bool succeeded, string? error)
    {
        command.Add("@id", id);
        command.Add("@status", (succeeded ? ApprovalStatus.Executed : ApprovalStatus.Failed).ToString());
        command.Add("@error", succeeded ? null : error ?? "failed");
    }

    /// <summary>Reads the approvals row; the approvers come from approval_votes and are added by the caller.</summary>
    public static PendingApproval Read(DbDataReader r)
    {
        var id = r.GetString(0);
        return new PendingApproval(
            Id: id,
            RequestHash: r.GetString(1),
            CanonicalCommand: r.GetString(2),
            RawText: r.GetString(3),
            Platform: r.GetString(4),
            RequesterId: r.GetString(5),
            RequesterName: r.GetString(6),
            ChannelId: r.GetString(7),
            ThreadId: r.GetNullableString(8),
            RequestCorrelationId: r.GetString(9),
            RequiredRole: StoreEnum.Parse<Role>(r.GetString(10), $"approval {id} required_role"),
            Target: r.GetNullableString(11),
            Namespace: r.GetNullableString(12),
            CreatedAt: AuditChain.FromUnixMicroseconds(r.GetInt64(13)),
            ExpiresAt: AuditChain.FromUnixMicroseconds(r.GetInt64(14)),
            RequiredApprovers: r.GetInt32(15),
            Status: StoreEnum.Parse<ApprovalStatus>(r.GetString(16), $"approval {id} status"),
            Approvers: [],
            DecidedBy: r.GetNullableString(17),
            Reason: r.GetNullableString(18),
            Eligible: r.GetNullableString(19) is { } rule
                ? new ApproverSet(
                    rule,
                    r.GetNullableString(20) is { } role ? StoreEnum.Parse<Role>(role, $"approval {id} approver_role") : null,
                    ApproverSet.ParseFrom(r.GetNullableString(21)))
                : null);
    }
}
