using System.Data;
using System.Data.Common;
using Npgsql;

namespace ChatOps.Bot.Infrastructure.Storage.Postgres;

/// <summary>
/// The shared store for several bot replicas on one database. Cross-replica safety comes from the database alone:
/// an advisory lock orders audit appends, FOR UPDATE SKIP LOCKED plus a lease hands each outbox line to one worker,
/// and approval transitions are compare-and-set on a locked row. The data source is owned by the caller. Every replica
/// must be given the same <paramref name="chainKeys"/>, or each would break the chain the others write.
/// </summary>
public sealed class PostgresChatOpsStore(NpgsqlDataSource dataSource, AuditChainKeys chainKeys) : SqlChatOpsStore(chainKeys, Dialect), IChatOpsStore
{
    /// <summary>One statement, so the approval and its votes come from one snapshot.</summary>
    private const string SelectWithVotesSql =
        "SELECT " + ApprovalRows.Columns + ", ARRAY(SELECT v.approver FROM approval_votes v WHERE v.approval_id = a.id ORDER BY v.id) " +
        "FROM approvals a WHERE a.id = @id";

    /// <summary>
    /// SKIP LOCKED stays, under the claim lock, as a guard for rows a settling worker holds. MATERIALIZED makes the
    /// locking select run exactly once; as an IN subquery the planner could re-run it and exceed the LIMIT.
    /// </summary>
    private const string ClaimSql =
        "WITH due AS MATERIALIZED (SELECT id FROM outbox candidate WHERE candidate.delivered_at IS NULL " +
        "AND candidate.next_attempt_at <= @now AND (candidate.lease_until IS NULL OR candidate.lease_until <= @now)" +
        OutboxRows.InOrderCondition + " ORDER BY candidate.id LIMIT @max FOR UPDATE SKIP LOCKED) " +
        "UPDATE outbox o SET lease_owner = @worker, lease_until = @lease_until FROM due WHERE o.id = due.id " +
        "RETURNING o.id, o.destination, o.text, o.attempts, o.created_at";

    /// <summary>
    /// Every command's delivery claim commits without waiting for its WAL to reach the disk: a flush per command, for a
    /// row whose loss can only repeat a read-only answer. The server writes it within three wal_writer_delay (600 ms by
    /// default), and any synchronous commit after it flushes it too, the WAL being written in order. A mutating
    /// command's write-ahead audit record commits synchronously before its handler runs, so a claim that could be lost
    /// (a crash of the server or of its host within that window) is one whose command changed nothing. LOCAL: the
    /// setting ends with the transaction, so nothing else on the pooled connection commits this way.
    /// </summary>
    private const string ClaimSettingSql = "SET LOCAL synchronous_commit TO OFF";

    /// <summary>Concurrent replicas skip claimed rows another transaction holds and lock a row they are about to change.</summary>
    private static readonly SqlDialect Dialect = new(
        StoreName: "PostgreSQL", ClaimLock: " FOR UPDATE SKIP LOCKED", RowLock: " FOR UPDATE", OutboxClaimSql: ClaimSql,
        PingSql: "SELECT 1", VersionTable: PostgresSchema.VersionTable, Migrations: PostgresSchema.Migrations, ClaimSettingSql: ClaimSettingSql);

    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Any number of writers: the locks below order the ones that must not interleave.</summary>
    private protected override Task<T> AdmitWriterAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken) => write();

    /// <summary>Read committed on purpose: every statement after a lock is taken sees what the previous holder committed.</summary>
    private protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    /// <summary>Transaction-scoped advisory locks; they are per database, see <see cref="PostgresSchema.AppendLockKey"/>.</summary>
    private protected override async Task LockAsync(
        DbConnection connection, DbTransaction transaction, StoreLock storeLock, CancellationToken cancellationToken)
    {
        await using var advisoryLock = DbValues.Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)");
        advisoryLock.Add("@key", storeLock switch
        {
            StoreLock.AuditAppend => PostgresSchema.AppendLockKey,
            StoreLock.Migration => PostgresSchema.MigrationLockKey,
            StoreLock.OutboxClaim => PostgresSchema.OutboxClaimLockKey,
            _ => throw new ArgumentOutOfRangeException(nameof(storeLock), storeLock, null),
        });
        await advisoryLock.ExecuteNonQueryAsync(cancellationToken);
    }

    private protected override async Task<PendingApproval?> ReadApprovalAsync(
        DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        await using var select = DbValues.Command(connection, transaction, SelectWithVotesSql);
        select.Add("@id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var approvers = reader.GetFieldValue<string[]>(ApprovalRows.ColumnCount);
        return ApprovalRows.Read(reader) with { Approvers = approvers };
    }
}
