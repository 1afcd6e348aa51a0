namespace ChatOps.Bot.Core.Text;

/// <summary>
/// Keeps user text on one line and its control characters visible: every line break (LF, CR, CRLF, NEL, U+2028,
/// U+2029) becomes ⏎, other control and bidi-override characters become <c>\u001B</c>-style escapes. One audit
/// record is then exactly one line wherever it is shown. Also the plain renderer of <see cref="ChatText"/> (the
/// <c>log</c> destination and the console), which needs no other escaping.
/// </summary>
public static class PlainText
{
    public const string LineBreak = "⏎";

    private static readonly ChatTextFormat Format = new(text => text, Line, Line);

    public static string Render(ChatText text) => Format.Render(text);

    /// <summary>User text as one line with its control characters shown escaped.</summary>
    public static string Line(string text) => Escape(text, keepNewlines: false);

    /// <summary>
    /// Text for a terminal: line feeds stay (answers have several lines), every other control character is shown
    /// escaped, so no one's text can move the cursor, rewrite a shown line with CR or recolour the screen.
    /// </summary>
    public static string Terminal(string text) => Escape(text, keepNewlines: true);

    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029' or '\v' or '\f';

    private static string Escape(string text, bool keepNewlines)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsEscape(text, keepNewlines))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];

            // On one line CRLF is one break: its CR goes and its LF becomes the single ⏎. A terminal shows the CR.
            if (!keepNewlines && c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            Append(sb, c, keepNewlines);
        }

        return sb.ToString();
    }

    private static bool NeedsEscape(string text, bool keepNewlines)
    {
        foreach (var c in text)
        {
            if (Escaped(c) && !(keepNewlines && c == '\n'))
            {
                return true;
            }
        }

        return false;
    }

    private static void Append(StringBuilder sb, char c, bool keepNewlines)
    {
        if (!Escaped(c) || (keepNewlines && c == '\n'))
        {
            sb.Append(c);
        }
        else if (IsLineBreak(c) && !keepNewlines)
        {
            sb.Append(LineBreak);
        }
        else
        {
            sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
    }

    // Bidi embeddings, overrides and isolates reorder what follows them on screen: text could appear to say
    // something else than it does, so they are shown escaped too.
    private static bool Escaped(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
