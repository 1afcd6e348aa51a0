namespace ChatOps.Bot.Chat.Slack;

/// <summary>Text for mrkdwn: escaped once, cut and split without breaking an escape or an emoji, copied as little as an answer of thousands of characters allows.</summary>
public static partial class BlockKit
{
    /// <summary>Slack's mrkdwn gives &amp;, &lt; and &gt; meaning; user text must not create links or mentions.</summary>
    /// <remarks>One pass and one copy (none when there is nothing to escape): answers run to thousands of characters.</remarks>
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny('&', '<', '>');
        if (first < 0)
        {
            return text;
        }

        return string.Create(EscapedLength(text, first), text, static (to, from) =>
        {
            var n = 0;
            EscapeInto(from, to, ref n, to.Length);
        });
    }

    /// <summary>Escapes <paramref name="text"/> into <paramref name="to"/> from <paramref name="n"/> on, until <paramref name="limit"/> characters are written (an entity started is written whole).</summary>
    /// <returns>False when <paramref name="limit"/> characters were written before the end of <paramref name="text"/>.</returns>
    internal static bool EscapeInto(ReadOnlySpan<char> text, Span<char> to, ref int n, int limit)
    {
        // The runs between entities are copied whole (vectorised): they are nearly all of any answer.
        while (!text.IsEmpty)
        {
            if (n >= limit)
            {
                return false;
            }

            var entity = text.IndexOfAny('&', '<', '>');
            var plain = Math.Min(entity < 0 ? text.Length : entity, limit - n);
            text[..plain].CopyTo(to[n..]);
            n += plain;
            text = text[plain..];
            if (!text.IsEmpty && n < limit)
            {
                var escaped = Entity(text[0])!;
                escaped.CopyTo(to[n..]);
                n += escaped.Length;
                text = text[1..];
            }
        }

        return true;
    }

    /// <summary>How long <paramref name="text"/> is escaped; <paramref name="first"/> is where its first entity is.</summary>
    internal static int EscapedLength(ReadOnlySpan<char> text, int first)
    {
        // Each entity takes the place of one character: &amp; adds four, &lt; and &gt; three each.
        var rest = text[first..];
        return text.Length + (4 * rest.Count('&')) + (3 * (rest.Count('<') + rest.Count('>')));
    }

    private static string? Entity(char c) => c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => null };

    /// <summary>Cuts to <paramref name="max"/> characters, ending with an ellipsis when something was dropped.</summary>
    public static string Cut(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, SafeLength(text, max - 1)), "…");

    /// <summary>Splits long text at line ends where possible, never inside an escape such as <c>&amp;amp;</c>.</summary>
    /// <remarks>Only the pieces are copied, not what is left after each of them.</remarks>
    public static IEnumerable<string> Chunks(string text, int max) =>
        Pieces(text, max).Select(piece => piece.Start.Value == 0 && piece.End.Value == text.Length ? text : text[piece]);

    /// <summary>Where <paramref name="text"/> is split: at most <paramref name="max"/> characters a piece, the line ends between pieces dropped.</summary>
    private static List<Range> Pieces(ReadOnlySpan<char> text, int max)
    {
        var pieces = new List<Range>(text.Length / max + 1);
        var start = 0;
        while (text.Length - start > max)
        {
            var cut = text.Slice(start, max).LastIndexOf('\n');
            var length = cut > max / 2 ? cut : SafeLength(text[start..], max);
            pieces.Add(new Range(start, start + length));
            start += length;
            while (start < text.Length && text[start] == '\n')
            {
                start++;
            }
        }

        if (start < text.Length)
        {
            pieces.Add(new Range(start, text.Length));
        }

        return pieces;
    }

    /// <summary>How much of <paramref name="text"/>, at most <paramref name="length"/>, may end a piece.</summary>
    internal static int SafeLength(ReadOnlySpan<char> text, int length)
    {
        var window = Math.Min(length, 5);
        var inWindow = text.Slice(length - window, window).LastIndexOf('&');
        if (inWindow >= 0)
        {
            var amp = length - window + inWindow;
            var semicolon = text[amp..].IndexOf(';');
            if (semicolon >= 0 && amp + semicolon >= length)
            {
                length = amp;
            }
        }

        // Do not split a surrogate pair (emoji) in two.
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return length;
    }
}
