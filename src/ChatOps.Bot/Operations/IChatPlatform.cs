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
}
