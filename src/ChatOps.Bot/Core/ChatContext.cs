namespace ChatOps.Bot.Core;

/// <summary>Who asked, where, and when. Travels inside every request so no handler needs the transport.</summary>
public sealed record ChatContext(
    string Platform,
    string UserId,
    string UserName,
    string ChannelId,
    string? ThreadId,
    string CorrelationId,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The identity used in role bindings, e.g. <c>console:alice</c> or <c>slack:U123</c>.</summary>
    public string Subject => $"{Platform}:{UserId}";

    /// <summary>
    /// The chat platform <see cref="ChannelId"/> lives on when the requester is not a chat user of its own (Alertmanager
    /// declaring an incident from a card in a Slack channel), so channel-bound work lands on that platform.
    /// </summary>
    public string? ChannelPlatform { get; init; }

    /// <summary>
    /// Display names the platform gave for the people mentioned in the command, by platform-qualified id
    /// (<c>teams:&lt;AAD object id&gt;</c>), for platforms whose mention syntax carries no name in the text.
    /// </summary>
    public IReadOnlyDictionary<string, string>? MentionNames { get; init; }
}
