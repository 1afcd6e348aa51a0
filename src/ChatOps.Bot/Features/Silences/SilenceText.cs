namespace ChatOps.Bot.Features.Silences;

internal static class SilenceText
{
    public static string Duration(TimeSpan d)
    {
        var parts = new List<string>();
        if (d.Days > 0)
        {
            parts.Add($"{d.Days}d");
        }

        if (d.Hours > 0)
        {
            parts.Add($"{d.Hours}h");
        }

        if (d.Minutes > 0)
        {
            parts.Add($"{d.Minutes}m");
        }

        if (d.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{d.Seconds}s");
        }

        return string.Concat(parts);
    }

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string List(IReadOnlyList<string> values) =>
        values.Count <= 5 ? string.Join(", ", values) : string.Join(", ", values.Take(5)) + $" and {values.Count - 5} more";

    /// <summary>"3 firing alerts match (namespace: shop)": the count the issue asks every answer to show.</summary>
    public static string Firing(IReadOnlyList<IReadOnlyDictionary<string, string>> firing, IReadOnlyList<string> spreadLabels)
    {
        var count = firing.Count == 1 ? "1 firing alert matches" : string.Create(CultureInfo.InvariantCulture, $"{firing.Count} firing alerts match");
        var spread = spreadLabels
            .Select(l => (Label: l, Values: SilencePolicy.Spread(firing, l)))
            .Where(s => s.Values.Count > 0)
            .Select(s => $"{s.Label}: {List(s.Values)}")
            .ToList();
        return spread.Count == 0 ? count : $"{count} ({string.Join("; ", spread)})";
    }

    /// <summary>Alertmanager shows the comment and author in its UI; the request id ties the silence to the audit record.</summary>
    public static string Comment(string? comment, string requestId) =>
        comment is { Length: > 0 } ? $"{comment} (chatops request {requestId})" : $"silenced from chat (chatops request {requestId})";

    /// <summary>
    /// Marks a silence <see cref="ResolvedSilenceExpirer"/> may end early. Alertmanager has no field for it, and the
    /// comment survives restarts and is visible in its UI, so the mark is a suffix there.
    /// </summary>
    public const string UntilResolvedMark = "[until resolved]";

    public static string CreatedBy(ChatContext context) => $"{context.UserName} ({context.Subject})";

    /// <summary>Why an id cannot be extended or expired: unknown, or already over.</summary>
    public static string NotExtendable(string am, string id, Silence? silence) => silence is null
        ? $"Alertmanager {am} has no silence {id} (see `silence list --all`)"
        : $"silence {id} on {am} already expired at {Time(silence.EndsAt)}: create a new one with `silence {SilenceMatchers.Format(silence.Matchers)} --for <duration>`";
}
