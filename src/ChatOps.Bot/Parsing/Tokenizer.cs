namespace ChatOps.Bot.Parsing;

/// <summary>
/// Splits on white space; single and double quotes group (phones type curly quotes, so those count too);
/// inside double quotes a backslash escapes the next character, so canonical forms can quote anything.
/// </summary>
public static class Tokenizer
{
    public static bool TryTokenize(string text, out List<Token> tokens, out string? error)
    {
        tokens = [];
        error = null;
        var current = new StringBuilder();
        bool inToken = false, quoted = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } open)
            {
                if (!ReadQuoted(text, ref i, open, current))
                {
                    quote = null;
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(new Token(current.ToString(), quoted));
                    current.Clear();
                    inToken = false;
                    quoted = false;
                }

                continue;
            }

            if (OpeningQuote(c) is { } q)
            {
                // Only a token that starts quoted is protected from being read as a flag: --reason="a b" is a flag.
                quoted |= !inToken;
                inToken = true;
                quote = q;
                continue;
            }

            inToken = true;
            current.Append(c);
        }

        if (quote is not null)
        {
            error = "unterminated quote: close it or remove it";
            tokens = [];
            return false;
        }

        if (inToken)
        {
            tokens.Add(new Token(current.ToString(), quoted));
        }

        return true;
    }

    /// <summary>Takes the character at <paramref name="i"/> inside a quote; false when it is the closing quote.</summary>
    private static bool ReadQuoted(string text, ref int i, char open, StringBuilder current)
    {
        var c = text[i];
        if (IsClosing(open, c))
        {
            return false;
        }

        current.Append(c == '\\' && open == '"' && i + 1 < text.Length ? text[++i] : c);
        return true;
    }

    private static char? OpeningQuote(char c) => c switch
    {
        '"' or '\u201C' or '\u201D' => '"',
        '\'' or '\u2018' or '\u2019' => '\'',
        _ => null,
    };

    private static bool IsClosing(char open, char c) => open == '"'
        ? c is '"' or '\u201C' or '\u201D'
        : c is '\'' or '\u2018' or '\u2019';

    /// <summary>Quotes a value so that <see cref="TryTokenize"/> gives it back as one token, unchanged.</summary>
    public static string Quote(string value)
    {
        var plain = value.Length > 0
            && !value.StartsWith('-')
            && value.All(ch => !char.IsWhiteSpace(ch) && OpeningQuote(ch) is null && ch != '\\');
        if (plain)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var ch in value)
        {
            if (ch is '"' or '\\' or '\u201C' or '\u201D')
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.Append('"').ToString();
    }
}
