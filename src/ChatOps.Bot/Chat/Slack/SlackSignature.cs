using System.Security.Cryptography;

namespace ChatOps.Bot.Chat.Slack;

public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    Stale,
    Mismatch,
    NotConfigured,
}

/// <summary>
/// Slack's v0 request signature: HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> with the signing secret. The
/// timestamp must be within 5 minutes either way (replays of old requests and clocks set ahead both fail).
/// </summary>
public static class SlackSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static SignatureCheck Check(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (secret.Length == 0)
        {
            return SignatureCheck.NotConfigured;
        }

        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature) ||
            !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds)
        {
            return SignatureCheck.Stale;
        }

        // Slack sends lowercase hex. Accepting other spellings of the same MAC would let a copy that differs from the
        // signed request (an upper-cased digit) through as a second, distinct request.
        if (!signature.StartsWith("v0=", StringComparison.Ordinal) || signature.Length != 3 + 64 || signature.AsSpan(3).ContainsAnyExcept(LowerHex))
        {
            return SignatureCheck.Mismatch;
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(3), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return SignatureCheck.Mismatch;
        }

        Span<byte> expected = stackalloc byte[32];
        Compute(secret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    private static void Compute(string secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefix = "v0:" + timestamp + ":";
        var length = Encoding.UTF8.GetByteCount(prefix) + body.Length;
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(prefix, rented);
            body.CopyTo(rented.AsSpan(written));
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rented.AsSpan(0, length), destination);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
