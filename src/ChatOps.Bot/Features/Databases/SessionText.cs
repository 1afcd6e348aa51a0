using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Databases;

/// <summary>How sessions read in chat: one row each, secrets masked, long values shortened.</summary>
internal static class SessionText
{
    public static readonly string[] Columns = ["session", "user", "application", "client", "state", "duration", "wait", "query"];

    public static IReadOnlyList<string> Row(DbSession s, ISecretRedactor redactor) =>
    [
        s.Tag?.ToString() ?? s.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Short(s.User, 24),
        Short(s.Application, 24),
        s.ClientAddress ?? "local",
        s.State ?? "?",
        Duration(s.Duration),
        s.WaitEvent is { Length: > 0 } w ? $"{s.WaitEventType}:{w}" : string.Empty,
        QueryText.ForChat(redactor, s.Query),
    ];

    public static string Describe(DbSession s, ISecretRedactor redactor) =>
        $"pid {s.Pid} ({Short(s.User, 24)}{(s.Application.Length > 0 ? $", {Short(s.Application, 24)}" : string.Empty)}, " +
        $"{s.State ?? "?"} for {Duration(s.Duration)}: {QueryText.ForChat(redactor, s.Query, 60)})";

    /// <summary>Who a session is, for a person deciding whether to signal it: user, application, client and when it started.</summary>
    public static string Identity(DbSession s) =>
        $"{Short(s.User, 24)} / {(s.Application.Length > 0 ? Short(s.Application, 24) : "no application")} from {s.ClientAddress ?? "local"}, " +
        $"session started {Time(s.BackendStart)}, query started {Time(s.QueryStart)}";

    public static string Time(DateTime? utc) =>
        utc is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "?";

    public static string Duration(TimeSpan? value) => value is { } d
        ? Durations.Format(TimeSpan.FromSeconds(Math.Floor(Math.Max(0, d.TotalSeconds))))
        : "?";

    public static string Verb(SessionSignal signal) => signal == SessionSignal.Terminate ? "terminate" : "cancel";

    public static string Short(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
