namespace ChatOps.Bot.Features.Silences;

internal static class SilenceSchedule
{
    /// <summary>
    /// Extending adds to the current end, so "extend by 1h" twice gives two more hours; a silence whose end has
    /// already passed (expired between list and extend) is never reached here, the handler refuses it.
    /// </summary>
    public static DateTimeOffset ExtendedEnd(Silence silence, TimeSpan by, DateTimeOffset now) =>
        (silence.EndsAt > now ? silence.EndsAt : now) + by;
}
