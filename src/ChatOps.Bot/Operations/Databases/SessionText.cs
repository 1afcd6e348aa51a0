using ChatOps.Bot.Commands;

namespace ChatOps.Bot.Operations.Databases;

/// <summary>How sessions read in chat: one row each, secrets masked, long values shortened.</summary>
internal static class SessionText
{
    public static readonly string[] Columns = ["pid", "user", "application", "client", "state", "duration", "wait", "query"];

    public static IReadOnlyList<string> Row(DbSession s) =>
    [
        s.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Short(s.User, 24),
        Short(s.Application, 24),
        s.ClientAddress ?? "local",
        s.State ?? "?",
        Duration(s.Duration),
        s.WaitEvent is { Length: > 0 } w ? $"{s.WaitEventType}:{w}" : string.Empty,
        QueryText.ForChat(s.Query),
    ];

    public static string Describe(DbSession s) =>
        $"pid {s.Pid} ({Short(s.User, 24)}{(s.Application.Length > 0 ? $", {Short(s.Application, 24)}" : string.Empty)}, " +
        $"{s.State ?? "?"} for {Duration(s.Duration)}: {QueryText.ForChat(s.Query, 60)})";

    public static string Duration(TimeSpan? value) => value is { } d
        ? Durations.Format(TimeSpan.FromSeconds(Math.Floor(Math.Max(0, d.TotalSeconds))))
        : "?";

    public static string Verb(SessionSignal signal) => signal == SessionSignal.Terminate ? "terminate" : "cancel";

    public static string Short(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
