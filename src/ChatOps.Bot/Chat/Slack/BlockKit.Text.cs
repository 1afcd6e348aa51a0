using System.Buffers;

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

    /// <summary>
    /// The title and text, escaped and cut as <see cref="Cut"/> would cut them, escaped into one pooled buffer only as
    /// far as the cut can look (an entity is at most five characters): a long answer's fallback is one copy of its start.
    /// </summary>
    private static string Fallback(OperationResult result)
    {
        const int Enough = MaxSectionText + 5;
        var buffer = ArrayPool<char>.Shared.Rent(Enough + 5);
        try
        {
            var n = 0;
            var titled = result.Title is { Length: > 0 };
            var whole = (!titled || EscapeInto(result.Title!, buffer, ref n, Enough) && EscapeInto(": ", buffer, ref n, Enough))
                && EscapeInto(result.Text, buffer, ref n, Enough);
            var escaped = buffer.AsSpan(0, n);
            if (whole && n <= MaxSectionText)
            {
                return !titled && n == result.Text.Length ? result.Text : new string(escaped);
            }

            return string.Concat(escaped[..SafeLength(escaped, MaxSectionText - 1)], "…");
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Escapes <paramref name="text"/> into <paramref name="to"/> from <paramref name="n"/> on, until <paramref name="limit"/> characters are written (an entity started is written whole).</summary>
    /// <returns>False when <paramref name="limit"/> characters were written before the end of <paramref name="text"/>.</returns>
    private static bool EscapeInto(ReadOnlySpan<char> text, Span<char> to, ref int n, int limit)
    {
        foreach (var c in text)
        {
            if (n >= limit)
            {
                return false;
            }

            if (Entity(c) is { } entity)
            {
                entity.CopyTo(to[n..]);
                n += entity.Length;
            }
            else
            {
                to[n++] = c;
            }
        }

        return true;
    }

    /// <summary>How long <paramref name="text"/> is escaped; <paramref name="first"/> is where its first entity is.</summary>
    private static int EscapedLength(string text, int first)
    {
        var length = text.Length;
        foreach (var c in text.AsSpan(first))
        {
            length += (Entity(c)?.Length ?? 1) - 1;
        }

        return length;
    }

    private static string? Entity(char c) => c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => null };

    /// <summary>Cuts to <paramref name="max"/> characters, ending with an ellipsis when something was dropped.</summary>
    public static string Cut(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, SafeLength(text, max - 1)), "…");

    /// <summary>Splits long text at line ends where possible, never inside an escape such as <c>&amp;amp;</c>.</summary>
    /// <remarks>Only the pieces are copied, not what is left after each of them.</remarks>
    public static IEnumerable<string> Chunks(string text, int max) =>
        Pieces(text, max).Select(piece => piece.Start.Value == 0 && piece.End.Value == text.Length ? text : text[piece]);

    /// <summary>
    /// One section per piece of <paramref name="text"/>, escaped, split as <see cref="Chunks"/> splits it and wrapped in
    /// <paramref name="prefix"/> and <paramref name="suffix"/>. The escaped text is written into a pooled buffer and
    /// each section is one copy of its piece: a long answer is not copied whole once more before it is split.
    /// </summary>
    private static void AddSections(List<JsonNode> blocks, string text, int max, string prefix = "", string suffix = "")
    {
        var first = text.AsSpan().IndexOfAny('&', '<', '>');
        if (first < 0)
        {
            AddPieces(blocks, text, text, max, prefix, suffix);
            return;
        }

        var length = EscapedLength(text, first);
        var buffer = ArrayPool<char>.Shared.Rent(length);
        try
        {
            var n = 0;
            EscapeInto(text, buffer, ref n, length);
            AddPieces(blocks, buffer.AsSpan(0, n), null, max, prefix, suffix);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <param name="whole">The text itself when it is a string already, so an unsplit, unwrapped text is not copied.</param>
    private static void AddPieces(List<JsonNode> blocks, ReadOnlySpan<char> text, string? whole, int max, string prefix, string suffix)
    {
        var unwrapped = prefix.Length == 0 && suffix.Length == 0;
        foreach (var piece in Pieces(text, max))
        {
            blocks.Add(Section(whole is not null && unwrapped && piece.End.Value - piece.Start.Value == whole.Length
                ? whole
                : string.Concat(prefix, text[piece], suffix)));
        }
    }

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
    private static int SafeLength(ReadOnlySpan<char> text, int length)
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
