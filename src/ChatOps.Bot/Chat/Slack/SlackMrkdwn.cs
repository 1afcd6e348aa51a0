using System.Text.RegularExpressions;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// <see cref="ChatText"/> as Slack mrkdwn. Every span has <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> escaped, so no
/// text can become <c>&lt;!channel&gt;</c>, <c>&lt;!here&gt;</c>, <c>&lt;@U…&gt;</c>, <c>&lt;#C…&gt;</c> or a
/// disguised link; only the bot's mention and channel spans produce those. User text stays on one line, and its
/// backticks become ˋ (U+02CB): mrkdwn has no escape for a backtick, and one in a command would otherwise close the
/// audit line's code span and let the rest read as the bot's own formatting.
/// </summary>
public static partial class SlackMrkdwn
{
    public const char Backtick = 'ˋ';

    public static string Render(ChatText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder();
        foreach (var span in text.Spans)
        {
            _ = span.Kind switch
            {
                ChatSpanKind.Bot => sb.Append(BlockKit.Escape(span.Text)),
                ChatSpanKind.Code => sb.Append('`').Append(User(span.Text)).Append('`'),
                ChatSpanKind.Mention when UserId().IsMatch(span.Text) => sb.Append("<@").Append(span.Text).Append('>'),
                ChatSpanKind.Channel when ChannelId().IsMatch(span.Text) =>
                    sb.Append("<#").Append(span.Text).Append("> (").Append(User(span.Label)).Append(')'),
                ChatSpanKind.Mention or ChatSpanKind.Channel => sb.Append(User(span.Label)),
                _ => sb.Append(User(span.Text)),
            };
        }

        return sb.ToString();
    }

    /// <summary>One piece of user text, safe anywhere in mrkdwn.</summary>
    public static string User(string text) => BlockKit.Escape(PlainText.Line(text)).Replace('`', Backtick);

    [GeneratedRegex("^[UW][A-Z0-9]{2,20}$")]
    private static partial Regex UserId();

    [GeneratedRegex("^[CG][A-Z0-9]{2,20}$")]
    private static partial Regex ChannelId();
}
