using System.Text.Json.Nodes;
using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Operations;

namespace ChatOps.Bot.Infrastructure.Slack;

/// <summary>
/// The <c>slack</c> destination of <see cref="IChatPlatform"/>: audit-channel lines from the outbox, incident
/// announcements and alert cards, as <c>chat.postMessage</c>. A failure throws, so the outbox retries the line.
/// </summary>
public sealed class SlackChatPlatform(SlackApiClient api) : IChatPlatform
{
    public string Name => "slack";

    public Task<PostedMessage> PostAsync(ChatPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        return api.PostMessageAsync(post.Channel, Render(post), post.ThreadId, cancellationToken);
    }

    /// <summary><c>chat.update</c>: the message id is the <c>ts</c> chat.postMessage returned.</summary>
    public Task UpdateAsync(PostedMessage message, ChatPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(post);
        return api.UpdateAsync(message.Channel, message.MessageId, Render(post), cancellationToken);
    }

    private static JsonObject Render(ChatPost post) => post.Result is { } result
        ? BlockKit.Render(result)
        : new JsonObject { ["text"] = BlockKit.Cut(BlockKit.Escape(post.Text), 3000) };
}
