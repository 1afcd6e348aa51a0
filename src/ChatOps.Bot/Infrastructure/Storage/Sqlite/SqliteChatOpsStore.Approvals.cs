using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage.Sqlite;

public sealed partial class SqliteChatOpsStore
{
    public Task CreateAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return WriteAsync("create approval", async (connection, transaction) =>
        {
            await using (var insert = Command(connection, transaction, ApprovalRows.InsertSql + " ON CONFLICT (id) DO NOTHING"))
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
        ReadAsync("get approval", async connection =>
        {
            // Deferred: the approval row and its votes come from one WAL snapshot.
            await using var transaction = connection.BeginTransaction(deferred: true);
            return await LoadAsync(connection, transaction, id, cancellationToken);
        }, cancellationToken);

    public Task<VoteResult> VoteAsync(string id, string approverId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync("vote", async (connection, transaction) =>
        {
            var current = await LoadAsync(connection, transaction, id, cancellationToken);
            if (current is null)
            {
                return new VoteResult(VoteOutcome.NotFound, null);
            }

            return await ApprovalVoting.ApplyAsync(connection, transaction, current, approverId, now, cancellationToken);
        }, cancellationToken);

    public Task<bool> DenyAsync(string id, string deniedBy, string? reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync("deny", async (connection, transaction) =>
        {
            await using var update = Command(connection, transaction, ApprovalRows.DenySql);
            update.Add("id", id);
            update.Add("decided_by", deniedBy);
            update.Add("reason", reason);
            update.Add("decided_at", AuditChain.ToUnixMicroseconds(now));
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task CompleteAsync(string id, bool succeeded, string? error, CancellationToken cancellationToken) =>
        WriteAsync("complete approval", async (connection, transaction) =>
        {
            await using var update = Command(connection, transaction, ApprovalRows.CompleteSql);
            ApprovalRows.BindCompletion(update, id, succeeded, error);
            return await update.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<int> CountPendingAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync("count approvals", async connection =>
        {
            await using var count = Command(connection, null, ApprovalRows.CountPendingSql);
            count.Add("now", AuditChain.ToUnixMicroseconds(now));
            return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    private static async Task<PendingApproval?> LoadAsync(
        SqliteConnection connection, SqliteTransaction transaction, string id, CancellationToken cancellationToken)
    {
        PendingApproval approval;
        await using (var select = Command(connection, transaction, ApprovalRows.SelectByIdSql))
        {
            select.Add("id", id);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            approval = ApprovalRows.Read(reader);
        }

        var approvers = new List<string>();
        await using (var votes = Command(connection, transaction, ApprovalRows.SelectVotesSql))
        {
            votes.Add("id", id);
            await using var reader = await votes.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                approvers.Add(reader.GetString(0));
            }
        }

        return approval with { Approvers = approvers };
    }
}
