namespace ChatOps.Bot.Operations;

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
}
