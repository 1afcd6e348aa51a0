using System.Buffers;
using System.Text.Unicode;

namespace ChatOps.Bot.Chat.Slack;

/// <summary>
/// A Slack request body (<c>application/x-www-form-urlencoded</c>) read from its bytes: each value is decoded once into
/// its string, and the names Slack sends are the same string every time. Reads as ASP.NET Core's query parser does
/// (<c>+</c> is a space, <c>%XX</c> a byte of UTF-8, a repeated name keeps its non-empty values joined by commas), without the
/// body as a string, its pieces and a dictionary of string lists on the way.
/// </summary>
internal static class SlackForm
{
    /// <summary>Every field a slash command or an interaction carries: their names are not allocated per request.</summary>
    private static readonly HashSet<string> Names =
    [
        "token", "team_id", "team_domain", "enterprise_id", "enterprise_name", "channel_id", "channel_name", "user_id",
        "user_name", "command", "text", "api_app_id", "is_enterprise_install", "response_url", "trigger_id", "payload",
        "ssl_check",
    ];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NameLookup = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> body)
    {
        var form = new Dictionary<string, string>(body.Count((byte)'&') + 1, StringComparer.Ordinal);
        if (body.StartsWith("?"u8))
        {
            body = body[1..];
        }

        while (body.Length > 0)
        {
            var end = body.IndexOf((byte)'&');
            var pair = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (pair.Length == 0)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var name = Name(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            form[name] = !form.TryGetValue(name, out var earlier) || earlier.Length == 0 ? value
                : value.Length == 0 ? earlier
                : $"{earlier},{value}";
        }

        return form;
    }

    private static string Name(ReadOnlySpan<byte> encoded)
    {
        Span<char> chars = stackalloc char[64];
        if (encoded.Length <= chars.Length && encoded.IndexOfAny("%+"u8) < 0 && Ascii.IsValid(encoded))
        {
            var length = Encoding.ASCII.GetChars(encoded, chars);
            if (NameLookup.TryGetValue(chars[..length], out var known))
            {
                return known;
            }
        }

        return Decode(encoded);
    }

    /// <summary>
    /// One name or value: its bytes unescaped into a rented buffer and read as UTF-8. Escapes that are not valid UTF-8
    /// (or not escapes) are read exactly as the ASP.NET Core parser reads them, which leaves them as they were written.
    /// </summary>
    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IndexOfAny("%+"u8) < 0)
        {
            return Encoding.UTF8.GetString(encoded);
        }

        var rented = ArrayPool<byte>.Shared.Rent(encoded.Length);
        try
        {
            var n = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var b = encoded[i];
                if (b == '%' && HexPair(encoded[(i + 1)..], out var decoded))
                {
                    rented[n++] = decoded;
                    i += 2;
                }
                else if (b == '%')
                {
                    return Exactly(encoded);
                }
                else
                {
                    rented[n++] = b == '+' ? (byte)' ' : b;
                }
            }

            var bytes = rented.AsSpan(0, n);
            return Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Exactly(encoded);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The ASP.NET Core query parser's reading of one piece: plus signs, then <see cref="Uri.UnescapeDataString(string)"/>.</summary>
    private static string Exactly(ReadOnlySpan<byte> encoded) =>
        Uri.UnescapeDataString(Encoding.UTF8.GetString(encoded).Replace('+', ' '));

    private static bool HexPair(ReadOnlySpan<byte> two, out byte value)
    {
        value = 0;
        if (two.Length < 2 || !char.IsAsciiHexDigit((char)two[0]) || !char.IsAsciiHexDigit((char)two[1]))
        {
            return false;
        }

        value = (byte)((HexValue(two[0]) << 4) | HexValue(two[1]));
        return true;
    }

    private static int HexValue(byte digit) => digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10;
}
