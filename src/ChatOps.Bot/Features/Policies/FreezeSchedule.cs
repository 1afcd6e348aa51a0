namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// When a freeze window is in force. Weekly windows compare wall-clock time in the window's zone, so "Fri 16:00 –
/// Mon 08:00" stays that on the clock on the wall across a DST change; the end instant is converted back to UTC.
/// </summary>
public static class FreezeSchedule
{
    public const string TimeFormat = "HH:mm";

    public const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm";

    private const int MinutesPerWeek = 7 * 24 * 60;

    /// <summary>The instant the window ends if it is in force at <paramref name="now"/>; null when it is not.</summary>
    public static DateTimeOffset? ActiveUntil(FreezeWindowOptions window, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(window.TimeZone);
        if (window.From is { } from && window.Until is { } until)
        {
            var start = ToUtc(ParseLocal(from), zone);
            var end = ToUtc(ParseLocal(until), zone);
            return now >= start && now < end ? end : null;
        }

        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var startAt = WeekMinute(window.StartDay!.Value, ParseTime(window.StartTime!));
        var endAt = WeekMinute(window.EndDay!.Value, ParseTime(window.EndTime!));
        var position = WeekMinute(local.DayOfWeek, TimeOnly.FromDateTime(local));
        var active = startAt < endAt ? position >= startAt && position < endAt : position >= startAt || position < endAt;
        if (!active)
        {
            return null;
        }

        var ahead = (endAt - position + MinutesPerWeek) % MinutesPerWeek;
        var localEnd = local.AddMinutes(ahead == 0 ? MinutesPerWeek : ahead);
        return ToUtc(new DateTime(localEnd.Year, localEnd.Month, localEnd.Day, localEnd.Hour, localEnd.Minute, 0, DateTimeKind.Unspecified), zone);
    }

    /// <summary>How the end is shown: the window's own wall clock and zone, and UTC.</summary>
    public static string Describe(DateTimeOffset end, string timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(end, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        var text = local.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + timeZone;
        return timeZone == "UTC" ? text : $"{text} ({end.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC)";
    }

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static bool TryParseLocal(string? text, out DateTime local) =>
        DateTime.TryParseExact(text, DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    private static TimeOnly ParseTime(string text) => TimeOnly.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture);

    private static DateTime ParseLocal(string text) => DateTime.ParseExact(text, DateTimeFormat, CultureInfo.InvariantCulture);

    private static int WeekMinute(DayOfWeek day, TimeOnly time) => ((int)day * 24 * 60) + (time.Hour * 60) + time.Minute;

    /// <summary>A wall-clock time skipped by a DST change means the first minute after it.</summary>
    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var valid = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(valid))
        {
            valid = valid.AddMinutes(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(valid, zone), TimeSpan.Zero);
    }
}
