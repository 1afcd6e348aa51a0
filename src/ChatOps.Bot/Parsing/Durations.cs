namespace ChatOps.Bot.Parsing;

/// <summary>
/// Strict durations: one or more <c>&lt;number&gt;&lt;unit&gt;</c> parts with units d, h, m, s in that order
/// (<c>90s</c>, <c>5m</c>, <c>1h30m</c>). Anything else is refused rather than guessed.
/// </summary>
public static class Durations
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text.Length is 0 or > 32)
        {
            return false;
        }

        var lastUnitRank = int.MaxValue;
        var i = 0;
        long totalSeconds = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start || i == text.Length || i - start > 9)
            {
                return false;
            }

            var number = long.Parse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
            var (rank, seconds) = text[i] switch
            {
                'd' => (3, 86_400L),
                'h' => (2, 3_600L),
                'm' => (1, 60L),
                's' => (0, 1L),
                _ => (-1, 0L),
            };
            if (rank < 0 || rank >= lastUnitRank)
            {
                return false;
            }

            lastUnitRank = rank;
            totalSeconds += number * seconds;
            i++;
        }

        if (totalSeconds <= 0 || totalSeconds > Longest.TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(totalSeconds);
        return true;
    }

    /// <summary>The shortest strict form, so a canonical command line re-parses to the same value.</summary>
    public static string Format(TimeSpan value)
    {
        var seconds = (long)value.TotalSeconds;
        if (seconds <= 0)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        Append(sb, ref seconds, 86_400, 'd');
        Append(sb, ref seconds, 3_600, 'h');
        Append(sb, ref seconds, 60, 'm');
        Append(sb, ref seconds, 1, 's');
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, ref long seconds, long unit, char suffix)
    {
        if (seconds >= unit)
        {
            sb.Append((seconds / unit).ToString(CultureInfo.InvariantCulture)).Append(suffix);
            seconds %= unit;
        }
    }
}
