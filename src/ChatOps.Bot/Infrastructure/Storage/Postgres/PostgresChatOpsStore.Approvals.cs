using System.Globalization;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using Npgsql;

namespace ChatOps.Bot.Infrastructure.Storage.Postgres;

public sealed partial class PostgresChatOpsStore
{
    /// <summary>One statement, so the approval and its votes come from one snapshot.</summary>
    private const string SelectWithVotesSql =
        "SELECT " + ApprovalRows.Columns + ", ARRAY(SELECT v.approver FROM approval_votes v WHERE v.approval_id = a.id ORDER BY v.id) " +
        "FROM approvals a WHERE a.id = @id";

    private const string LockSql = "SELECT 1 FROM approvals WHERE id = @id FOR UPDATE";

    public Task CreateAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return InTransactionAsync("create approval", async (connection, transaction) =>
        {
            await using (var insert = new NpgsqlCommand(ApprovalRows.InsertSql + " ON CONFLICT (id) DO NOTHING", connection, transaction))
            {
                ApprovalRows.BindInsert(insert, approval);
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    throw new InvalidOperationException($"Approval {approval.Id} already exists.");
                }
            }

            foreach (var approver in approval.Approvers)
            {
                await ApprovalRows.InsertVoteAsync(connection, transaction, approval.Id, approver, approval.CreatedAt, cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    public Task<PendingApproval?> GetAsync(string id, CancellationToken cancellationToken) =>
        RunAsync("get approval", connection => LoadAsync(connection, null, id, forUpdate: false, cancellationToken), cancellationToken);

    /// <summary>
    /// The approval row is locked FOR UPDATE before the rules run, so concurrent voters on any replica queue up
    /// behind each other and each sees the votes and status the previous one committed: one ReadyToExecute, ever.
    /// </summary>
    public Task<VoteResult> VoteAsync(string id, string approverId, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync("vote", async (connection, transaction) =>
        {
            var current = await LoadAsync(connection, transaction, id, forUpdate: true, cancellationToken);
            if (current is null)
            {
                return new VoteResult(VoteOutcome.NotFound, null);
            }

            return await ApprovalVoting.ApplyAsync(connection, transaction, current, approverId, now, cancellationToken);
        }, cancellationToken);

    public Task<bool> DenyAsync(string id, string deniedBy, string? reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync("deny", async connection =>
        {
            await using var update = new NpgsqlCommand(ApprovalRows.DenySql, connection);
            update.Add("id", id);
            update.Add("decided_by", deniedBy);
            update.Add("reason", reason);
            update.Add("decided_at", AuditChain.ToUnixMicroseconds(now));
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task CompleteAsync(string id, bool succeeded, string? error, CancellationToken cancellationToken) =>
        RunAsync("complete approval", async connection =>
        {
            await using var update = new NpgsqlCommand(ApprovalRows.CompleteSql, connection);
            ApprovalRows.BindCompletion(update, id, succeeded, error);
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<int> CountPendingAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync("count approvals", async connection =>
        {
            await using var count = new NpgsqlCommand(ApprovalRows.CountPendingSql, connection);
            count.Add("now", AuditChain.ToUnixMicroseconds(now));
            return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }, cancellationToken);

    private static async Task<PendingApproval?> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string id, bool forUpdate, CancellationToken cancellationToken)
    {
        if (forUpdate)
        {
            // Lock in its own statement: a statement that waited for the lock still reads with its old snapshot,
            // so a vote committed by the previous lock holder would be missing from the approvers it reads. The
            // next statement starts after the lock is granted and sees every committed vote.
            await using var rowLock = new NpgsqlCommand(LockSql, connection, transaction);
            rowLock.Add("id", id);
            if (await rowLock.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }

        await using var select = new NpgsqlCommand(SelectWithVotesSql, connection, transaction);
        select.Add("id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var approvers = reader.GetFieldValue<string[]>(ApprovalRows.ColumnCount);
        return ApprovalRows.Read(reader) with { Approvers = approvers };
    }
}
