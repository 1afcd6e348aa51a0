namespace ChatOps.Bot.Features.Incidents;

/// <summary>When the next status update is due, from <c>ChatOps:Incidents:Severities</c>; the design's values when unset.</summary>
public sealed class IncidentSchedule(IOptionsMonitor<IncidentOptions> options)
{
    public static readonly IReadOnlyList<string> Severities = ["P1", "P2", "P3", "P4"];

    public const string NextBusinessDay = "next-business-day";

    private static readonly Dictionary<string, string> Defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["P1"] = "00:15:00",
        ["P2"] = "01:00:00",
        ["P3"] = "04:00:00",
        ["P4"] = NextBusinessDay,
    };

    public static string? NormalizeSeverity(string? text) =>
        Severities.FirstOrDefault(s => string.Equals(s, text, StringComparison.OrdinalIgnoreCase));

    public DateTimeOffset NextUpdate(string severity, DateTimeOffset from)
    {
        var value = options.CurrentValue.Severities.TryGetValue(severity, out var configured) ? configured : Defaults[severity];
        return value == NextBusinessDay
            ? NextBusinessDayMorning(from)
            : from + TimeSpan.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>09:00 UTC on the next weekday: a P4 waits for office hours, not for the weekend to pass twice.</summary>
    private static DateTimeOffset NextBusinessDayMorning(DateTimeOffset from)
    {
        var day = from.UtcDateTime.Date.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day.AddHours(9), TimeSpan.Zero);
    }
}
