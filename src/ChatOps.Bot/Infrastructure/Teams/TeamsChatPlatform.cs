using ChatOps.Bot.Chat.Teams;
using ChatOps.Bot.Operations;

namespace ChatOps.Bot.Infrastructure.Teams;

/// <summary>
/// The <c>teams</c> destination of <see cref="IChatPlatform"/>: audit lines from the outbox, incident announcements
/// and alert cards, posted proactively into a conversation the bot was added to (its stored reference gives the
/// service URL). In a channel, a post without a thread starts a new thread — which is also what an incident "channel"
/// is on Teams, since a bot cannot create channels without Microsoft Graph. A failure throws, so the outbox retries.
/// </summary>
public sealed class TeamsChatPlatform(IBotConnector connector, IConversationReferences references) : IChatPlatform
{
    private const string NoChannels =
        "a Teams bot cannot create channels without Microsoft Graph, which this bot does not use; incidents live in a thread of the incidents conversation";

    public string Name => TeamsMessageHandler.Platform;

    public bool CanCreateChannels => false;

    public Task<CreatedChannel> CreateChannelAsync(string name, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NoChannels);

    public Task<InviteResult> InviteAsync(string channel, IReadOnlyList<string> users, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NoChannels);

    public Task SetTopicAsync(string channel, string topic, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NoChannels);

    public async Task<PostedMessage> PostAsync(ChatPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var conversationId = TeamsConversationHandler.BaseId(post.Channel) ?? post.Channel;
        var reference = await references.GetConversationAsync(conversationId, cancellationToken)
            ?? throw new InvalidOperationException(
                $"no conversation reference for Teams conversation '{conversationId}': add the bot to it (or write to the bot there) first");
        var activity = post.Result is { } result ? AdaptiveCards.Message(result) : AdaptiveCards.Text(post.Text);
        var id = await connector.SendAsync(new TeamsConversation(new Uri(reference.ServiceUrl), conversationId, post.ThreadId), activity, cancellationToken);
        return new PostedMessage(conversationId, id);
    }
}
