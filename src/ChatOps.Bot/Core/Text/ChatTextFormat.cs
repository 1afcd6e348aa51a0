namespace ChatOps.Bot.Core.Text;

/// <summary>
/// How one format writes each kind of <see cref="ChatSpan"/>. Walking the spans is the same for Slack mrkdwn, Teams
/// markdown and plain text; only the escaping differs. Keeping the walk here means a new span kind is handled, or
/// refused, in one place instead of in every renderer.
/// </summary>
/// <param name="Bot">The bot's own text, which keeps its formatting.</param>
/// <param name="User">User text: one line, nothing in it can format, link or mention.</param>
/// <param name="Code">User text inside a backtick code span.</param>
public sealed record ChatTextFormat(Func<string, string> Bot, Func<string, string> User, Func<string, string> Code)
{
    /// <summary>The native syntax for a mention or channel span, or null to show its label as user text.</summary>
    public Func<ChatSpan, string?> Link { get; init; } = _ => null;

    public string Render(ChatText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder();
        foreach (var span in text.Spans)
        {
            _ = span.Kind switch
            {
                ChatSpanKind.Bot => sb.Append(Bot(span.Text)),
                ChatSpanKind.Code => sb.Append('`').Append(Code(span.Text)).Append('`'),
                ChatSpanKind.Mention or ChatSpanKind.Channel => sb.Append(Link(span) ?? User(span.Label)),
                _ => sb.Append(User(span.Text)),
            };
        }

        return sb.ToString();
    }
}
