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

        var extra = 0;
        foreach (var c in text.AsSpan(first))
        {
            extra += (Entity(c)?.Length ?? 1) - 1;
        }

        return string.Create(text.Length + extra, text, static (to, from) =>
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

    private static string? Entity(char c) => c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => null };

    /// <summary>Cuts to <paramref name="max"/> characters, ending with an ellipsis when something was dropped.</summary>
    public static string Cut(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, SafeLength(text, max - 1)), "…");

    /// <summary>Splits long text at line ends where possible, never inside an escape such as <c>&amp;amp;</c>.</summary>
    /// <remarks>Only the pieces are copied, not what is left after each of them.</remarks>
    public static IEnumerable<string> Chunks(string text, int max)
    {
        var start = 0;
        while (text.Length - start > max)
        {
            var cut = text.LastIndexOf('\n', start + max - 1, max) - start;
            var length = cut > max / 2 ? cut : SafeLength(text.AsSpan(start), max);
            yield return text.Substring(start, length);
            start += length;
            while (start < text.Length && text[start] == '\n')
            {
                start++;
            }
        }

        if (start < text.Length)
        {
            yield return start == 0 ? text : text[start..];
        }
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
