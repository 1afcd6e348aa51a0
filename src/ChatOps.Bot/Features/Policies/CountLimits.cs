namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// The blast-radius limits that count: sessions one bulk <c>db kill</c> would signal, and runs of a kind within a
/// window. Part of <see cref="PolicyEngine"/> and as pure: the counts arrive as facts on the request.
/// </summary>
public static class CountLimits
{
    private const string Limits = PolicyOptions.SectionName + ":Limits";

    public static IEnumerable<PolicyRule> Rules(PolicyRequest request, BlastRadiusOptions limits, DateTimeOffset now)
    {
        if (request.Sessions is { } sessions && limits.MaxKillSessions is { } max && sessions > max)
        {
            yield return new("max-kill-sessions", PolicyVerdict.Refuse,
                $"refused: `{request.Command}` would signal {sessions} sessions, above the limit of {max} per command ({Limits}:MaxKillSessions); nothing was signalled");
        }

        foreach (var rule in limits.Rates.Where(r => Counts(r, request.Command)))
        {
            var key = Key(rule.Per, request.Scope.ToString(), request.Canonical, request.Command);
            // A run leaves the window the instant the window has passed since it: that is when the refusal says it frees up.
            var since = now - rule.Window;
            var runs = request.History
                .Where(r => r.At > since && r.At <= now && Named(rule, r.Canonical) is { } name && Key(rule.Per, r.Scope, r.Canonical, name) == key)
                .Select(r => r.At).Order().ToList();
            if (runs.Count < rule.Max)
            {
                continue;
            }

            // The next run fits once enough of the counted ones have left the window: the oldest that must go is
            // the one that leaves Max - 1 of them behind.
            var frees = runs[runs.Count - rule.Max] + rule.Window;
            yield return new($"rate:{rule.Name}", PolicyVerdict.Refuse,
                $"refused: rate limit '{rule.Name}': {runs.Count} of {string.Join(", ", rule.Commands)} on {key} in the last {Durations.Format(rule.Window)}, " +
                $"at most {rule.Max} ({Limits}:Rates); the window frees up at {frees.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC; nothing was run");
        }
    }

    public static bool Counts(CommandRateOptions rule, string command) => rule.Commands.Contains(command, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Which of the rule's commands a canonical line is (the longest that fits), or null. A <c>--dry-run</c> preview
    /// is audited as allowed and succeeded too, but changed nothing, so it is none of them.
    /// </summary>
    private static string? Named(CommandRateOptions rule, string canonical) => canonical.Split(' ').Contains("--dry-run") ? null : rule.Commands
        .Where(c => canonical.Equals(c, StringComparison.OrdinalIgnoreCase) || canonical.StartsWith(c + " ", StringComparison.OrdinalIgnoreCase))
        .MaxBy(c => c.Length);

    /// <summary>
    /// What one count covers. The object is the first argument after the command's words in the canonical line
    /// (the deployment, the queue), which the parser always puts there, so a run and a new request agree on it.
    /// </summary>
    private static string Key(RatePer per, string scope, string canonical, string command) => per switch
    {
        RatePer.Target => scope.Split('/')[0],
        RatePer.Namespace => scope,
        _ => canonical.Length > command.Length && canonical[(command.Length + 1)..].Split(' ')[0] is { Length: > 0 } first && first[0] != '-'
            ? $"{scope} {first}"
            : scope,
    };
}
