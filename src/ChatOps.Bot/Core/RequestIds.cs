using System.Security.Cryptography;

namespace ChatOps.Bot.Core;

/// <summary>
/// Short ids people can type (<c>approve r-k3x9m2p7qa</c>). The id of a chat message's request is also its
/// correlation id, so the reference shown with an error finds the audit record.
/// </summary>
public static class RequestIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[12];
        chars[0] = 'r';
        chars[1] = '-';
        for (var i = 0; i < 10; i++)
        {
            chars[i + 2] = Alphabet[bytes[i] & 31];
        }

        return new string(chars);
    }

    public static bool IsValid(string value) =>
        value.Length is >= 4 and <= 40
        && value.StartsWith("r-", StringComparison.Ordinal)
        && value.Skip(2).All(c => Alphabet.Contains(c, StringComparison.Ordinal) || c is '.' or '-');
}
