using System.Security.Cryptography;

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// What a person types to kill one session: <c>1371@k3f9a</c>, the pid and a short hash of the session's backend
/// start. PostgreSQL reuses pids, so a pid alone may name a different session by the time somebody types it; the
/// hash binds the command (and an approval of it) to the session <c>db queries</c> showed. Five characters of an
/// alphabet without look-alikes (no l, o, 0, 1) give one chance in 33 million that a reused pid's new session
/// carries the same tag.
/// </summary>
public sealed record SessionTag(int Pid, string Hash)
{
    public const int HashLength = 5;

    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static SessionTag Of(int pid, DateTime backendStart)
    {
        var micros = (backendStart.Ticks - DateTime.UnixEpoch.Ticks) / (TimeSpan.TicksPerMillisecond / 1000);
        var digest = SHA256.HashData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{pid}@{micros}")));
        var bits = BitConverter.ToUInt64(digest, 0);
        var hash = new char[HashLength];
        for (var i = 0; i < HashLength; i++)
        {
            hash[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return new SessionTag(pid, new string(hash));
    }

    /// <summary>True when the session is the one this tag was made from: same pid and the same backend start.</summary>
    public bool Matches(DbSession session) =>
        session.Pid == Pid && session.BackendStart is { } started && Of(Pid, started).Hash == Hash;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pid}@{Hash}");

    /// <summary>A bare pid (all digits, 1 to int.MaxValue).</summary>
    public static bool TryParsePid(string text, out int pid)
    {
        pid = 0;
        return text.Length is > 0 and <= 10 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pid) && pid >= 1;
    }

    public static bool TryParse(string text, out SessionTag tag)
    {
        tag = null!;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || !TryParsePid(text[..at], out var pid))
        {
            return false;
        }

        var hash = text[(at + 1)..].ToLowerInvariant();
        if (hash.Length != HashLength || !hash.All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        tag = new SessionTag(pid, hash);
        return true;
    }
}
