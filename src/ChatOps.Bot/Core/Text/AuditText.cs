namespace ChatOps.Bot.Core.Text;

/// <summary>
/// The characters an audit record may hold, and the safe form of text that holds others. Both stores must give back
/// exactly what was hashed: PostgreSQL refuses NUL (22021), SQLite cuts long values at NUL, and a lone surrogate has no
/// UTF-8 form, so any of them would either wedge the chain or break it. Bidi overrides and control characters are
/// refused too because they make the audit read differently from what was typed. Refused characters are written as
/// <c>\uXXXX</c> so the record still shows what was attempted.
/// </summary>
public static class AuditText
{
    /// <summary>Index of the first character that must not be stored, or -1. Tab, LF and CR are allowed.</summary>
    public static int FirstRefused(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsRefused(text, i))
            {
                return i;
            }

            if (char.IsHighSurrogate(text[i]))
            {
                i++; // a valid pair: skip its low half
            }
        }

        return -1;
    }

    /// <summary>What kind of character sits at <paramref name="index"/>, for a one-line refusal.</summary>
    public static string Describe(string text, int index)
    {
        var c = text[index];
        var kind = char.IsSurrogate(c) ? "an unpaired surrogate"
            : IsBidiControl(c) ? "a bidirectional override"
            : "a control character";
        return string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4} ({kind})");
    }

    /// <summary>
    /// <paramref name="text"/> with every refused character escaped as <c>\uXXXX</c>. Returns the same instance when
    /// nothing changes, so the common case allocates nothing. Not NFC-normalised: the bot runs with invariant
    /// globalization, where <see cref="string.Normalize()"/> leaves non-ASCII text as it is; the hash does not need it,
    /// because what is hashed is exactly what is stored.
    /// </summary>
    public static string Safe(string text)
    {
        var first = FirstRefused(text);
        if (first < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (IsRefused(text, i))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:x4}");
                continue;
            }

            sb.Append(text[i]);
            if (char.IsHighSurrogate(text[i]))
            {
                sb.Append(text[++i]);
            }
        }

        return sb.ToString();
    }

    public static string? SafeOrNull(string? text) => text is null ? null : Safe(text);

    /// <summary>Whether <paramref name="text"/> is already in its safe form (nothing to refuse or escape).</summary>
    public static bool IsSafe(string? text) => text is null || FirstRefused(text) < 0;

    /// <summary>
    /// Printable ASCII only, at most <paramref name="max"/> characters: the form of a poison marker, which must be
    /// accepted by a store that refused the original whatever the reason was.
    /// </summary>
    public static string Ascii(string text, int max = 512)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max) + 8);
        foreach (var c in text)
        {
            if (sb.Length >= max)
            {
                return sb.Append("...").ToString();
            }

            if (c is >= ' ' and <= '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return sb.ToString();
    }

    /// <summary>A lone low surrogate is refused; a high one only when no low one follows it.</summary>
    private static bool IsRefused(string text, int i)
    {
        var c = text[i];
        if (c < ' ')
        {
            return c is not ('\t' or '\n' or '\r');
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        return c is >= '\u007F' and <= '\u009F' || IsBidiControl(c) || char.IsLowSurrogate(c);
    }

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
