using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace ChatOps.Bot.Infrastructure.Storage;

/// <summary>
/// Turns "the database is not there or not working" into <see cref="AuditStoreUnavailableException"/>, whose message
/// callers may show in chat: it names the store and the failing operation, never the connection string.
/// </summary>
internal static class StoreFailure
{
    public static bool IsUnavailable(Exception exception) => exception
        is DbException
        or IOException
        or UnauthorizedAccessException
        or SocketException
        or TimeoutException;

    public static AuditStoreUnavailableException Unavailable(string store, string operation, Exception exception) =>
        new($"{store} audit store unavailable ({operation}): {Describe(exception)}", exception);

    /// <summary>
    /// A store that answers but refuses the data itself: PostgreSQL's data exceptions (class 22, e.g. 22021 for NUL)
    /// and program limits (54, e.g. an index entry too large), SQLite's "too big", or text the driver cannot encode.
    /// Connection, lock and I/O failures stay transient.
    /// </summary>
    public static bool IsRecordRefused(Exception exception) => exception switch
    {
        AuditStoreUnavailableException { InnerException: { } inner } => IsRecordRefused(inner),
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteTooBig or SqliteMismatch,
        DbException { SqlState: { Length: 5 } state } => state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("54", StringComparison.Ordinal),
        EncoderFallbackException => true,
        _ => false,
    };

    /// <summary>Runs an append, turning a refused record into <see cref="AuditRecordRefusedException"/>.</summary>
    public static async Task<T> AppendAsync<T>(string store, Func<Task<T>> append)
    {
        try
        {
            return await append();
        }
        catch (Exception ex) when (IsRecordRefused(ex))
        {
            var cause = ex is AuditStoreUnavailableException { InnerException: { } inner } ? inner : ex;
            throw new AuditRecordRefusedException($"{store} audit store refused the record: {Describe(cause)}", cause);
        }
    }

    private const int SqliteTooBig = 18;

    private const int SqliteMismatch = 20;

    private static string Describe(Exception exception)
    {
        // Driver messages are about the failure (error code, "connection refused", host:port), not credentials; the
        // innermost one is the most specific. Cap it so a chat reply stays short.
        var message = exception is DbException && exception.InnerException is SocketException or TimeoutException
            ? exception.InnerException.Message
            : exception.Message;
        message = message.ReplaceLineEndings(" ");
        return message.Length > 200 ? message[..200] + "…" : message;
    }
}
