namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// Remembers where the bot may post proactively. <c>conversationUpdate</c> naming the bot among the members added
/// stores the conversation's reference (service URL, tenant, bot id); naming it among the members removed forgets it.
/// Every message refreshes the reference too, since Teams may move a tenant to another service URL.
/// </summary>
public sealed class TeamsConversationHandler(IConversationReferences references, TimeProvider clock, ILogger<TeamsConversationHandler> logger)
{
    public async Task HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        if (activity.RecipientId is not { Length: > 0 } bot || BaseId(activity.ConversationId) is not { } conversation)
        {
            return;
        }

        if (activity.Members("membersRemoved").Contains(bot, StringComparer.Ordinal))
        {
            await references.RemoveConversationAsync(conversation, cancellationToken);
            logger.LogInformation("Bot removed from conversation {Conversation}; its reference is forgotten", conversation);
        }
        else if (activity.Members("membersAdded").Contains(bot, StringComparer.Ordinal))
        {
            await RememberAsync(activity, cancellationToken);
            logger.LogInformation("Bot added to conversation {Conversation}; its reference is stored", conversation);
        }
    }

    public Task RememberAsync(TeamsActivity activity, CancellationToken cancellationToken) =>
        activity.ServiceUrl is { Length: > 0 } serviceUrl && activity.RecipientId is { Length: > 0 } bot && BaseId(activity.ConversationId) is { } conversation
            ? references.SaveAsync(
                new ConversationReference(conversation, serviceUrl, activity.TenantId, bot, activity.ConversationType, clock.GetUtcNow()), cancellationToken)
            : Task.CompletedTask;

    /// <summary>
    /// A channel message's conversation id ends in <c>;messageid=…</c> (its thread); the channel itself is what a
    /// proactive post addresses.
    /// </summary>
    public static string? BaseId(string? conversationId) =>
        string.IsNullOrEmpty(conversationId) ? null : conversationId.Split(";messageid=", 2)[0];
}
