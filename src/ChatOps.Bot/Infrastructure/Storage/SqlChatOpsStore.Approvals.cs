using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

public abstract partial class SqlChatOpsStore
{
    public Task CreateAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return WriteRowsAsync("create approval", async (connection, transaction) =>
        {
            await using (var insert = DbValues.Command(connection, transaction, ApprovalRows.InsertSql + " ON CONFLICT (id) DO NOTHING"))
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
        ReadRowsAsync("get approval", connection => ReadApprovalAsync(connection, null, id, cancellationToken), cancellationToken);

    /// <summary>
    /// The approval row is locked before the rules run, so concurrent voters on any replica queue up behind each
    /// other and each sees the votes and status the previous one committed: one ReadyToExecute, ever.
    /// </summary>
    public Task<VoteResult> VoteAsync(string id, string approverId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteRowsAsync("vote", async (connection, transaction) =>
        {
            var current = await LockApprovalAsync(connection, transaction, id, cancellationToken);
            if (current is null)
            {
                return new VoteResult(VoteOutcome.NotFound, null);
            }

            return await ApprovalVoting.ApplyAsync(connection, transaction, current, approverId, now, cancellationToken);
        }, cancellationToken);

    public Task<bool> DenyAsync(string id, string deniedBy, string? reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteStatementAsync("deny", async (connection, transaction) =>
        {
            await using var update = DbValues.Command(connection, transaction, ApprovalRows.DenySql);
            update.Add("@id", id);
            update.Add("@decided_by", deniedBy);
            update.Add("@reason", reason);
            update.Add("@decided_at", AuditChain.ToUnixMicroseconds(now));
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task CompleteAsync(string id, bool succeeded, string? error, CancellationToken cancellationToken) =>
        WriteStatementAsync("complete approval", async (connection, transaction) =>
        {
            await using var update = DbValues.Command(connection, transaction, ApprovalRows.CompleteSql);
            ApprovalRows.BindCompletion(update, id, succeeded, error);
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<int> CountPendingAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadRowsAsync("count approvals", async connection =>
        {
            await using var count = DbValues.Command(connection, null, ApprovalRows.CountPendingSql);
            count.Add("@now", AuditChain.ToUnixMicroseconds(now));
            return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }, cancellationToken);

    private async Task<PendingApproval?> LockApprovalAsync(
        DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        // Lock in its own statement: a statement that waited for the lock still reads with its old snapshot, so a
        // vote committed by the previous lock holder would be missing from the approvers it reads. The next
        // statement starts after the lock is granted and sees every committed vote.
        await using (var rowLock = DbValues.Command(connection, transaction, ApprovalRows.ExistsSql + dialect.RowLock))
        {
            rowLock.Add("@id", id);
            if (await rowLock.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }

        return await ReadApprovalAsync(connection, transaction, id, cancellationToken);
    }
}
