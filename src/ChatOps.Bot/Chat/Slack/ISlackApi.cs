namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// What the Slack adapter needs from Slack's side to answer: replies to a <c>response_url</c>, thread replies,
/// ephemeral replies, message updates and the Socket Mode URL. Implemented by the Web API client in Infrastructure.
/// </summary>
public interface ISlackApi
{
    Task RespondAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken);

    Task<PostedMessage> PostMessageAsync(string channel, JsonObject message, string? threadTs, CancellationToken cancellationToken);

    Task PostEphemeralAsync(string channel, string user, JsonObject message, string? threadTs, CancellationToken cancellationToken);

    Task UpdateAsync(string channel, string ts, JsonObject message, CancellationToken cancellationToken);

    /// <summary>
    /// Shares a file into <paramref name="channel"/> (in the thread of <paramref name="threadTs"/> when given) with
    /// Slack's external upload flow: <c>files.getUploadURLExternal</c>, the bytes POSTed to its <c>upload_url</c>,
    /// then <c>files.completeUploadExternal</c>. Returns the file id.
    /// </summary>
    Task<string> UploadFileAsync(string channel, string? threadTs, string fileName, ReadOnlyMemory<byte> content, string altText, CancellationToken cancellationToken);

    /// <summary><c>conversations.open</c>: the id of the bot's direct-message conversation with <paramref name="user"/>.</summary>
    Task<string> OpenDirectMessageAsync(string user, CancellationToken cancellationToken);

    /// <summary><c>apps.connections.open</c> with the app-level token: a fresh Socket Mode URL.</summary>
    Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken);
}

/// <summary>Slack said <c>ok:false</c> (or gave up on rate limits): <see cref="Error"/> is Slack's error code.</summary>
public sealed class SlackApiException(string method, string error)
    : Exception($"Slack {method} failed: {error}")
{
    private static readonly string[] Fatal = ["not_authed", "invalid_auth", "account_inactive", "token_revoked", "team_disabled", "missing_scope"];

    public string Method { get; } = method;

    public string Error { get; } = error;

    /// <summary>Errors retrying cannot fix: the token or the workspace is wrong.</summary>
    public bool IsFatalAuth => Fatal.Contains(Error, StringComparer.Ordinal);
}
