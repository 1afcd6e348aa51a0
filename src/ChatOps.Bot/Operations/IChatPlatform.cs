namespace ChatOps.Bot.Operations;

public sealed record ChatPost(string Channel, string Text, OperationResult? Result = null, string? ThreadId = null);

public sealed record PostedMessage(string Channel, string MessageId);

/// <summary>
/// Outbound port to a chat platform: audit-channel lines now; incident channels and alert cards build on it.
/// <see cref="Name"/> is the platform part of a destination such as <c>slack:C0123</c>.
/// </summary>
public interface IChatPlatform
{
    string Name { get; }

    Task<PostedMessage> PostAsync(ChatPost post, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the content of a message this platform posted (an alert card once its group resolves) with
    /// <paramref name="post"/>'s text and result; <see cref="ChatPost.Channel"/> and <see cref="ChatPost.ThreadId"/> are not used.
    /// </summary>
    Task UpdateAsync(PostedMessage message, ChatPost post, CancellationToken cancellationToken);
}
