namespace ChatOps.Bot.Chat.Console;

/// <summary>
/// The <c>log</c> destination: audit-channel lines written to the bot's own log (category ChatOps.AuditChannel),
/// so a bot with no chat platform configured still shows every action somewhere people look. At the console it
/// also stands for incident channels: the channel is its name, and what would happen on a real platform is logged.
/// </summary>
public sealed class LogChatPlatform(ILoggerFactory loggers) : IChatPlatform
{
    private readonly ILogger _logger = loggers.CreateLogger("ChatOps.AuditChannel");

    public string Name => "log";

    public bool CanCreateChannels => true;

    /// <summary>None: the log is itself the audit destination (<c>log</c>), with no channel to name.</summary>
    public string? AuditChannel => null;

    /// <summary>None: console incidents are announced nowhere but in their own log "channel".</summary>
    public string? AnnouncementsChannel => null;

    public Task<PostedMessage> PostAsync(ChatPost post, CancellationToken cancellationToken)
    {
        // The audit destination is plain "log"; anything with a channel is an incident post into a console "channel".
        // An alert card (ChatOps:Alertmanager:Channel = log) also comes without a channel, but it is no audit line:
        // only alert cards carry their result along, so they are told apart by it.
        if (post is { Channel.Length: 0, Result: not null })
        {
            _logger.LogInformation(post.ThreadId is null ? "alert card: {Line}" : "alert card update: {Line}", PlainText.Render(post.Text));
        }
        else if (post.Channel.Length == 0)
        {
            _logger.LogInformation("audit: {Line}", PlainText.Render(post.Text));
        }
        else
        {
            _logger.LogInformation("#{Channel}: {Line}", post.Channel, PlainText.Render(post.Text));
        }

        return Task.FromResult(new PostedMessage(post.Channel, Guid.NewGuid().ToString("N")));
    }

    public Task<CreatedChannel> CreateChannelAsync(string name, CancellationToken cancellationToken)
    {
        _logger.LogInformation("channel #{Channel} created", PlainText.Line(name));
        return Task.FromResult(new CreatedChannel(name, name));
    }

    public Task<InviteResult> InviteAsync(string channel, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        var invited = users.Distinct(StringComparer.Ordinal).ToList();
        _logger.LogInformation("channel #{Channel}: invited {Users}", channel, string.Join(", ", invited));
        return Task.FromResult(new InviteResult(invited, []));
    }

    public Task SetTopicAsync(string channel, ChatText topic, CancellationToken cancellationToken)
    {
        _logger.LogInformation("channel #{Channel}: topic {Topic}", channel, PlainText.Render(topic));
        return Task.CompletedTask;
    }

    public Task UpdateAsync(PostedMessage message, ChatPost post, CancellationToken cancellationToken)
    {
        _logger.LogInformation("update {MessageId}: {Line}", message.MessageId, PlainText.Render(post.Text));
        return Task.CompletedTask;
    }
}
