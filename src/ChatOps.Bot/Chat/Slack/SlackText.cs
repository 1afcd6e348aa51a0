using System.Text.RegularExpressions;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>Turns what Slack delivers back into the text a person typed.</summary>
public static partial class SlackText
{
    /// <summary>Slack escapes &amp;, &lt; and &gt; in message and command text; our parser wants the characters.</summary>
    public static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary><c>&lt;@U123&gt; scale x 3</c> → <c>scale x 3</c>: the mentions in front address the bot, the rest is the command.</summary>
    public static string AfterMentions(string text) => Unescape(LeadingMentions().Replace(text, string.Empty)).Trim();

    [GeneratedRegex(@"^(\s*<@[^>|\s]+(\|[^>]*)?>[\s:,]*)+")]
    private static partial Regex LeadingMentions();
}
