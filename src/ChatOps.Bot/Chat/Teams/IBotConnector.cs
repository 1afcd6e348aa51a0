namespace ChatOps.Bot.Chat.Teams;

/// <summary>Where a Teams answer goes: the service URL the activity came from, the conversation, and the activity replied to.</summary>
public sealed record TeamsConversation(Uri ServiceUrl, string ConversationId, string? ReplyToId);

/// <summary>
/// What the Teams adapter needs from the Bot Connector API: send (or reply to) an activity and update one in place.
/// Implemented in Infrastructure with a client-credentials token.
/// </summary>
public interface IBotConnector
{
    /// <summary>Posts <paramref name="activity"/>; a reply when <see cref="TeamsConversation.ReplyToId"/> is set. Returns its id.</summary>
    Task<string> SendAsync(TeamsConversation conversation, JsonObject activity, CancellationToken cancellationToken);

    Task UpdateAsync(TeamsConversation conversation, string activityId, JsonObject activity, CancellationToken cancellationToken);
}

/// <summary>The signing keys Bot Framework publishes, each with the channels that endorse it.</summary>
public interface IBotFrameworkKeys
{
    /// <summary>
    /// The key with id <paramref name="kid"/>, refreshing the cached set once when it is unknown; null if still unknown.
    /// Throws <see cref="BotFrameworkKeysUnavailableException"/> when the keys cannot be fetched.
    /// </summary>
    Task<BotFrameworkKey?> FindAsync(string kid, CancellationToken cancellationToken);
}

public sealed record BotFrameworkKey(Microsoft.IdentityModel.Tokens.SecurityKey Key, IReadOnlyList<string> Endorsements);

/// <summary>Bot Framework's key set could not be fetched or read: no token can be checked until it can.</summary>
public sealed class BotFrameworkKeysUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
