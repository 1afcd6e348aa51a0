using ChatOps.Bot.Operations;
using Microsoft.Extensions.Logging;

namespace ChatOps.Bot.Infrastructure.Chat;

/// <summary>
/// The <c>log</c> destination: audit-channel lines written to the bot's own log (category ChatOps.AuditChannel),
/// so a bot with no chat platform configured still shows every action somewhere people look.
/// </summary>
public sealed class LogChatPlatform(ILoggerFactory loggers) : IChatPlatform
{
    private readonly ILogger _logger = loggers.CreateLogger("ChatOps.AuditChannel");

    public string Name => "log";

    public Task<PostedMessage> PostAsync(ChatPost post, CancellationToken cancellationToken)
    {
        _logger.LogInformation("audit: {Line}", post.Text);
        return Task.FromResult(new PostedMessage(post.Channel, Guid.NewGuid().ToString("N")));
    }

    public Task UpdateAsync(PostedMessage message, ChatPost post, CancellationToken cancellationToken)
    {
        _logger.LogInformation("update {MessageId}: {Line}", message.MessageId, post.Text);
        return Task.CompletedTask;
    }
}
