namespace ChatOps.Bot.Features.Policies;

/// <summary>A rate rule that cannot count (no command, no window, a read) would never refuse: refuse it at start.</summary>
internal static class RateRules
{
    public static void Check(OptionsErrors e, IReadOnlyList<CommandRateOptions> rules, IReadOnlyList<string> mutating, string section)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            var key = $"{section}:{i}";
            e.Check(r.Name.Trim().Length > 0, $"{key}:Name", "give the rule a name");
            e.Check(r.Name.Trim().Length == 0 || names.Add(r.Name), $"{key}:Name", $"'{r.Name}' is used by another rule");
            e.Check(r.Commands.Count > 0, $"{key}:Commands", "name the mutating commands it counts, e.g. [\"rollout undo\"]");
            foreach (var command in r.Commands)
            {
                e.Check(mutating.Contains(command, StringComparer.OrdinalIgnoreCase), $"{key}:Commands",
                    $"'{command}' is not a mutating command (only what changes something is counted)");
            }

            e.Check(r.Window > TimeSpan.Zero && r.Window <= TimeSpan.FromDays(7), $"{key}:Window", $"{r.Window} must be more than zero and at most 7 days");
            e.Check(r.Max >= 1, $"{key}:Max", $"{r.Max} must be 1 or more");
            e.Check(Enum.IsDefined(r.Per), $"{key}:Per", $"'{r.Per}' must be Target, Namespace or Object");
        }
    }
}
