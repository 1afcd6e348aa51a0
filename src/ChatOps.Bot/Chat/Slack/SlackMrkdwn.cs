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

    private static readonly ChatTextFormat Format = new(BlockKit.Escape, User, User) { Link = Native };

    public static string Render(ChatText text) => Format.Render(text);

    /// <summary>One piece of user text, safe anywhere in mrkdwn.</summary>
    public static string User(string text) => BlockKit.Escape(PlainText.Line(text)).Replace('`', Backtick);

    /// <summary>Only ids of the platform's shape become a mention or a link; anything else shows its label.</summary>
    private static string? Native(ChatSpan span) => span.Kind switch
    {
        ChatSpanKind.Mention when UserId().IsMatch(span.Text) => $"<@{span.Text}>",
        ChatSpanKind.Channel when ChannelId().IsMatch(span.Text) => $"<#{span.Text}> ({User(span.Label)})",
        _ => null,
    };

    [GeneratedRegex("^[UW][A-Z0-9]{2,20}$")]
    private static partial Regex UserId();

    [GeneratedRegex("^[CG][A-Z0-9]{2,20}$")]
    private static partial Regex ChannelId();
}
