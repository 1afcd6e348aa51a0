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
        var message = post.Result is { } result
            ? BlockKit.Render(result)
            : new JsonObject { ["text"] = BlockKit.Cut(BlockKit.Escape(post.Text), 3000) };
        return api.PostMessageAsync(post.Channel, message, post.ThreadId, cancellationToken);
    }
}
