namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// Identifies one query of one session: a pid alone is not enough, because PostgreSQL reuses pids. Written as
/// <c>pid@backend_start@query_start</c> with both times in microseconds since the Unix epoch (<c>-</c> when the
/// session has not run a query yet), which is how a bulk kill's snapshot travels inside its command line.
/// </summary>
public sealed record SessionKey(int Pid, DateTime BackendStart, DateTime? QueryStart)
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public bool Matches(DbSession session) =>
        session.Pid == Pid && session.BackendStart == BackendStart && session.QueryStart == QueryStart;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Pid}@{Micros(BackendStart)}@{(QueryStart is { } q ? Micros(q).ToString(CultureInfo.InvariantCulture) : "-")}");

    public static bool TryParse(string text, out SessionKey key)
    {
        key = null!;
        var parts = text.Split('@');
        if (parts.Length != 3
            || !TryDigits(parts[0], 10, out var pid) || pid is < 1 or > int.MaxValue
            || !TryDigits(parts[1], 18, out var started) || !TryTime(started, out var backendStart))
        {
            return false;
        }

        DateTime? queryStart = null;
        if (parts[2] != "-")
        {
            if (!TryDigits(parts[2], 18, out var q) || !TryTime(q, out var t))
            {
                return false;
            }

            queryStart = t;
        }

        key = new SessionKey((int)pid, backendStart, queryStart);
        return true;
    }

    private static long Micros(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond;

    private static bool TryDigits(string text, int maxLength, out long value)
    {
        value = 0;
        return text.Length is > 0 && text.Length <= maxLength && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryTime(long micros, out DateTime value)
    {
        value = default;
        if (micros > (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond)
        {
            return false;
        }

        value = new DateTime(DateTime.UnixEpoch.Ticks + micros * TicksPerMicrosecond, DateTimeKind.Utc);
        return true;
    }
}

/// <summary>The <c>--only</c> list of a bulk kill: the exact sessions its snapshot chose.</summary>
public static class SessionKeys
{
    /// <summary>Keeps the command line (and the approval request) readable and well under the parser's length limit.</summary>
    public const int MaxSessions = 50;

    public static string Format(IEnumerable<SessionKey> keys) => string.Join(',', keys);

    public static bool TryParse(string? text, out IReadOnlyList<SessionKey> keys)
    {
        keys = [];
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var list = new List<SessionKey>();
        foreach (var part in text.Split(','))
        {
            if (!SessionKey.TryParse(part, out var key) || list.Any(k => k.Pid == key.Pid))
            {
                return false;
            }

            list.Add(key);
        }

        if (list.Count > MaxSessions)
        {
            return false;
        }

        keys = list;
        return true;
    }
}
