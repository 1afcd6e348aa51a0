namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// The <c>slack</c> destination of <see cref="IChatPlatform"/>: audit-channel lines from the outbox, incident
/// announcements and alert cards, as <c>chat.postMessage</c>; incident channels with <c>conversations.create</c>,
/// <c>conversations.invite</c> and <c>conversations.setTopic</c>. A failure throws, so the caller retries.
/// </summary>
public sealed class SlackChatPlatform(SlackApiClient api, IOptionsMonitor<SlackOptions> options) : IChatPlatform
{
    /// <summary>Suffixes tried after <c>name_taken</c> (an archived channel of an earlier store, or a setup retried after a crash).</summary>
    private const int MaxNameVariants = 9;

    private const int MaxNameLength = 80;

    public string Name => "slack";

    public bool CanCreateChannels => true;

    public string? AuditChannel => NullIfEmpty(options.CurrentValue.AuditChannel);

    public string? AnnouncementsChannel => NullIfEmpty(options.CurrentValue.IncidentsChannel);

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

    public async Task<CreatedChannel> CreateChannelAsync(string name, CancellationToken cancellationToken)
    {
        for (var variant = 1; ; variant++)
        {
            var candidate = variant == 1 ? name : Variant(name, variant);
            try
            {
                return new CreatedChannel(await api.CreateConversationAsync(candidate, isPrivate: false, cancellationToken), candidate);
            }
            catch (SlackApiException ex) when (ex.Error == "name_taken" && variant < MaxNameVariants)
            {
            }
        }
    }

    /// <summary>One call per user: Slack refuses a whole batch for one unknown user, and one bad id must not keep the rest out.</summary>
    public async Task<InviteResult> InviteAsync(string channel, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        var invited = new List<string>();
        var failed = new List<(string, string)>();
        foreach (var user in users.Distinct(StringComparer.Ordinal))
        {
            try
            {
                await api.InviteAsync(channel, [user], cancellationToken);
                invited.Add(user);
            }
            catch (SlackApiException ex) when (ex.Error == "already_in_channel")
            {
                invited.Add(user);
            }
            catch (SlackApiException ex) when (ex.Error is "user_not_found" or "cant_invite_self" or "cant_invite" or "user_is_restricted" or "user_disabled")
            {
                failed.Add((user, ex.Error));
            }
        }

        return new InviteResult(invited, failed);
    }

    /// <summary>A topic is one line of mrkdwn like any message: the incident title in it is user text.</summary>
    public Task SetTopicAsync(string channel, ChatText topic, CancellationToken cancellationToken) =>
        api.SetTopicAsync(channel, BlockKit.Cut(SlackMrkdwn.Render(topic), 250), cancellationToken);

    private static JsonObject Render(ChatPost post) => post.Result is { } result
        ? BlockKit.Render(result)
        : new JsonObject { ["text"] = BlockKit.Cut(SlackMrkdwn.Render(post.Text), 3000) };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Variant(string name, int variant)
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-{variant}");
        return (name.Length + suffix.Length > MaxNameLength ? name[..(MaxNameLength - suffix.Length)] : name) + suffix;
    }
}
