namespace ChatOps.Bot.Core;

/// <summary>A post: <see cref="Text"/> keeps the bot's words apart from users', so each platform escapes the latter its own way.</summary>
public sealed record ChatPost(string Channel, ChatText Text, OperationResult? Result = null, string? ThreadId = null);

public sealed record PostedMessage(string Channel, string MessageId);

/// <summary>A channel the platform created; <see cref="Name"/> may differ from the one asked for when it was taken.</summary>
public sealed record CreatedChannel(string Id, string Name);

/// <summary>Who was added to a channel (or already was), and who could not be, with the platform's reason.</summary>
public sealed record InviteResult(IReadOnlyList<string> Invited, IReadOnlyList<(string User, string Reason)> Failed);

/// <summary>
/// Outbound port to a chat platform: audit-channel lines, incident announcements and incident channels.
/// <see cref="Name"/> is the platform part of a destination such as <c>slack:C0123</c>. Only the platform knows its
/// syntax: features put mentions and channel links into <see cref="ChatText"/> as spans
/// (<see cref="ChatText.Mention"/>, <see cref="ChatText.Channel"/>) and the platform renders them when it posts.
/// </summary>
public interface IChatPlatform
{
    string Name { get; }

    /// <summary>The channel this platform was configured to copy audit lines to; null when none.</summary>
    string? AuditChannel { get; }

    /// <summary>The channel this platform was configured to announce incidents in; null when none.</summary>
    string? AnnouncementsChannel { get; }

    /// <summary>
    /// False where a bot cannot create channels (Teams without Microsoft Graph); callers check it first, since
    /// <see cref="CreateChannelAsync"/>, <see cref="InviteAsync"/> and <see cref="SetTopicAsync"/> then throw.
    /// </summary>
    bool CanCreateChannels { get; }

    Task<PostedMessage> PostAsync(ChatPost post, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a public channel named <paramref name="name"/> (already valid for the platform). When the name is
    /// taken the platform picks a free variant rather than failing, so a retried setup still ends with a channel.
    /// </summary>
    Task<CreatedChannel> CreateChannelAsync(string name, CancellationToken cancellationToken);

    /// <summary>Adds users by platform user id; someone already in the channel counts as invited.</summary>
    Task<InviteResult> InviteAsync(string channel, IReadOnlyList<string> users, CancellationToken cancellationToken);

    Task SetTopicAsync(string channel, ChatText topic, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the content of a message this platform posted (an alert card once its group resolves) with
    /// <paramref name="post"/>'s text and result; <see cref="ChatPost.Channel"/> and <see cref="ChatPost.ThreadId"/> are not used.
    /// </summary>
    Task UpdateAsync(PostedMessage message, ChatPost post, CancellationToken cancellationToken);
}
