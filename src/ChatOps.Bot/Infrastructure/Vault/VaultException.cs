using System.Net;

namespace ChatOps.Bot.Infrastructure.Vault;

/// <summary>
/// A Vault call that failed, in one line naming the path and what Vault said. Built only from the path, the status
/// and Vault's <c>errors</c> strings: never from tokens, request bodies or secret data.
/// </summary>
public sealed class VaultException(string message, string path, HttpStatusCode? status, Exception? inner = null)
    : Exception(message, inner)
{
    public string Path { get; } = path;

    /// <summary>Null when Vault was not reached at all.</summary>
    public HttpStatusCode? Status { get; } = status;

    /// <summary>Vault answered and said no (bad credentials, no policy, not renewable): trying again will not help.</summary>
    public bool IsRefusal => Status is { } s && (int)s is >= 400 and < 500 && s != HttpStatusCode.TooManyRequests;
}
