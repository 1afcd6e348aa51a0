using System.Data.Common;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// The parts of the store port both SQL stores implement the same way over the shared <c>*Rows</c> helpers (incidents,
/// their jobs, alerts). Each store supplies only how it runs a read, runs a write transaction, and locks claimed rows.
/// </summary>
public abstract partial class SqlChatOpsStore
{
    /// <summary>
    /// Appended to the SELECT that claims due rows: <c> FOR UPDATE SKIP LOCKED</c> where replicas compete for them,
    /// empty where the store already admits one writer at a time.
    /// </summary>
    private protected abstract string ClaimLock { get; }

    private protected abstract Task<T> ReadRowsAsync<T>(string operation, Func<DbConnection, Task<T>> work, CancellationToken cancellationToken);

    private protected abstract Task<T> WriteRowsAsync<T>(
        string operation, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);
}
