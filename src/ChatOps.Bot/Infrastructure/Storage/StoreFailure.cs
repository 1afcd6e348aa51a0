using System.Data.Common;
using System.Net.Sockets;
using ChatOps.Bot.Operations.Audit;

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
