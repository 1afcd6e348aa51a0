using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// The store port, implemented once over the shared <c>*Rows</c> helpers for both SQL databases. A dialect supplies
/// only what truly differs: how a connection opens, how a write is admitted and its transaction begins, the locks
/// (advisory and row locks where replicas compete, nothing where one writer is admitted at a time), the outbox claim
/// statement, how an approval and its votes are read as one snapshot, and its schema (<see cref="SqlDialect"/>).
/// </summary>
public abstract partial class SqlChatOpsStore
{
    private readonly AuditChainKeys chainKeys;
    private readonly SqlDialect dialect;

    private protected SqlChatOpsStore(AuditChainKeys chainKeys, SqlDialect dialect)
    {
        this.chainKeys = chainKeys;
        this.dialect = dialect;
    }

    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="write"/> once this process may write; a dialect may admit one writer at a time.</summary>
    private protected abstract Task<T> AdmitWriterAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken);

    private protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Takes <paramref name="storeLock"/> until the transaction ends.</summary>
    private protected abstract Task LockAsync(DbConnection connection, DbTransaction transaction, StoreLock storeLock, CancellationToken cancellationToken);

    /// <summary>The approval with its votes, read as one snapshot; null when there is none.</summary>
    private protected abstract Task<PendingApproval?> ReadApprovalAsync(
        DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken);

    private protected async Task<T> ReadRowsAsync<T>(string operation, Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception ex) when (StoreFailure.IsUnavailable(ex))
        {
            throw Unavailable(operation, ex);
        }
    }

    /// <summary>
    /// A read that every command makes: one statement, bound by <paramref name="bind"/> (with
    /// <see cref="DbValues.Set(DbCommand, string, string)"/>) and read by <paramref name="read"/>.
    /// A dialect may keep its statement compiled between uses; by default it is a read like any other.
    /// </summary>
    private protected virtual Task<T> ReadHotAsync<T>(
        string operation, string sql, Action<DbCommand> bind, Func<DbCommand, Task<T>> read, CancellationToken cancellationToken) =>
        ReadRowsAsync(operation, async connection =>
        {
            await using var command = DbValues.Command(connection, null, sql);
            bind(command);
            return await read(command);
        }, cancellationToken);

    private protected AuditStoreUnavailableException Unavailable(string operation, Exception exception) =>
        StoreFailure.Unavailable(dialect.StoreName, operation, exception);

    private protected Task<T> WriteRowsAsync<T>(
        string operation, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        AdmitWriterAsync(() => ReadRowsAsync(operation, async connection =>
        {
            await using var transaction = await BeginWriteAsync(connection, cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken), cancellationToken);

    /// <summary>
    /// A write that is one statement needs no transaction of its own where writers run concurrently; a dialect that
    /// admits one writer at a time runs it like any other write.
    /// </summary>
    private protected virtual Task<T> WriteStatementAsync<T>(
        string operation, Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken cancellationToken) =>
        ReadRowsAsync(operation, connection => work(connection, null), cancellationToken);
}
