namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// The <c>teams</c> destination of <see cref="IChatPlatform"/>: audit lines from the outbox, incident announcements
/// and alert cards, posted proactively into a conversation the bot was added to (its stored reference gives the
/// service URL). In a channel, a post without a thread starts a new thread — which is also what an incident "channel"
/// is on Teams, since a bot cannot create channels without Microsoft Graph. A failure throws, so the outbox retries.
/// </summary>
public sealed class TeamsChatPlatform(IBotConnector connector, IConversationReferences references, IOptionsMonitor<TeamsOptions> options)
    : IChatPlatform
{
    private const string NoChannels =
        "a Teams bot cannot create channels without Microsoft Graph, which this bot does not use; incidents live in a thread of the incidents conversation";

    public string Name => TeamsMessageHandler.Platform;

    public bool CanCreateChannels => false;

    public string? AuditChannel => NullIfEmpty(options.CurrentValue.AuditConversationId);

    public string? AnnouncementsChannel => NullIfEmpty(options.CurrentValue.IncidentsConversationId);

    public Task<CreatedChannel> CreateChannelAsync(string name, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NoChannels);

    public Task<InviteResult> InviteAsync(string channel, IReadOnlyList<string> users, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NoChannels);

    public Task SetTopicAsync(string channel, ChatText topic, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NoChannels);

    public async Task<PostedMessage> PostAsync(ChatPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var conversationId = TeamsConversationHandler.BaseId(post.Channel) ?? post.Channel;
        var serviceUrl = await ServiceUrlAsync(conversationId, cancellationToken);
        var id = await connector.SendAsync(new TeamsConversation(serviceUrl, conversationId, post.ThreadId), Render(post), cancellationToken);
        return new PostedMessage(conversationId, id);
    }

    /// <summary>Update activity: the message id is the activity id the send returned, in the same conversation.</summary>
    public async Task UpdateAsync(PostedMessage message, ChatPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(post);
        var serviceUrl = await ServiceUrlAsync(message.Channel, cancellationToken);
        await connector.UpdateAsync(new TeamsConversation(serviceUrl, message.Channel, null), message.MessageId, Render(post), cancellationToken);
    }

    private static System.Text.Json.Nodes.JsonObject Render(ChatPost post) =>
        post.Result is { } result ? AdaptiveCards.Message(result) : AdaptiveCards.Text(post.Text);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private async Task<Uri> ServiceUrlAsync(string conversationId, CancellationToken cancellationToken)
    {
        var reference = await references.GetConversationAsync(conversationId, cancellationToken)
            ?? throw new InvalidOperationException(
                $"no conversation reference for Teams conversation '{conversationId}': add the bot to it (or write to the bot there) first");
        return new Uri(reference.ServiceUrl);
    }
}
