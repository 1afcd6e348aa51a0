namespace ChatOps.Bot.Core;

/// <summary>
/// What a bot needs to post into a conversation nobody just wrote in (audit lines, incident announcements): the
/// service URL the platform sent the conversation's activities from, the tenant and the bot's own id there.
/// </summary>
public sealed record ConversationReference(
    string ConversationId, string ServiceUrl, string? TenantId, string BotId, string? ConversationType, DateTimeOffset UpdatedAt);

/// <summary>
/// Conversation references, kept durably: after a restart (or on another replica) the bot must still be able to
/// post proactively, and only a new activity from the conversation would tell it the service URL again.
/// </summary>
public interface IConversationReferences
{
    /// <summary>Inserts or replaces the reference for its conversation.</summary>
    Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken);

    Task<ConversationReference?> GetConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>True when a reference was removed.</summary>
    Task<bool> RemoveConversationAsync(string conversationId, CancellationToken cancellationToken);
}
