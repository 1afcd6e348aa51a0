using System.Text.RegularExpressions;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// <see cref="ChatText"/> as the markdown Teams renders in messages and Adaptive Card TextBlocks. User text stays on
/// one line and has every markdown-significant character backslash-escaped (CommonMark escapes any ASCII
/// punctuation), so it can neither format nor link, and <c>&lt;at&gt;</c> never appears in it, so it cannot
/// mention anyone. Inside a code span escapes are literal, so there backticks become ˋ and <c>&lt;at</c> is broken.
/// </summary>
public static partial class TeamsMarkdown
{
    // Emphasis, code, links, tags and entities mean something anywhere; "(" and "!" only next to an escaped "[".
    private const string Significant = "\\`*_~[]<>&";

    // List and heading markers only mean something at the start of a line, where a user span may begin.
    private const string LineStart = "-+#";

    private static readonly ChatTextFormat Format = new(BotText, User, CodeText);

    public static string Render(ChatText text) => Format.Render(text);

    /// <summary>
    /// A trailing backslash is literal in CommonMark code but some renderers read it as escaping the closing backtick;
    /// a zero-width space after it keeps the span closed everywhere.
    /// </summary>
    private static string CodeText(string text)
    {
        var code = NoMentions(PlainText.Line(text)).Replace('`', 'ˋ');
        return code.EndsWith('\\') ? code + "\u200B" : code;
    }

    public static string User(string text)
    {
        var line = PlainText.Line(text);
        var sb = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (Significant.Contains(c, StringComparison.Ordinal) || (sb.Length == 0 && LineStart.Contains(c, StringComparison.Ordinal)))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Text the bot wrote keeps its markdown; its angle brackets (usage such as <c>&lt;what changed&gt;</c>) are
    /// escaped so Teams shows them instead of reading a tag.
    /// </summary>
    public static string BotText(string text) => text.Replace("<", "\\<", StringComparison.Ordinal).Replace(">", "\\>", StringComparison.Ordinal);

    /// <summary>
    /// For text that mixes the bot's words and users' (an <c>OperationResult</c>): a zero-width space after the
    /// <c>&lt;</c> of any <c>&lt;at&gt;</c> or <c>&lt;/at&gt;</c> keeps it from ever being read as a mention.
    /// </summary>
    public static string NoMentions(string text) => AtTag().Replace(text, "<\u200B$1");

    [GeneratedRegex(@"<(\s*/?\s*at\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AtTag();
}
