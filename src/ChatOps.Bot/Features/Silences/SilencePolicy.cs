namespace ChatOps.Bot.Features.Silences;

/// <summary>
/// When a silence is dangerous (needs approval in production): no matcher pins a label to one value, it lasts longer
/// than the Alertmanager's MaxSilence, or the firing alerts it matches span more than one value of a spread label
/// (namespace, service). Pure, so every rule is tested without an Alertmanager.
/// </summary>
public static class SilencePolicy
{
    public static IReadOnlyList<string> Reasons(
        IReadOnlyList<SilenceMatcher> matchers,
        TimeSpan length,
        TimeSpan maximum,
        IReadOnlyList<IReadOnlyDictionary<string, string>>? firing,
        IReadOnlyList<string> spreadLabels)
    {
        var reasons = new List<string>();
        if (!matchers.Any(m => m.IsPlainEquality))
        {
            reasons.Add("no matcher is name=value");
        }

        if (length > maximum)
        {
            reasons.Add($"it lasts {SilenceText.Duration(length)}, over the {SilenceText.Duration(maximum)} maximum");
        }

        if (firing is null)
        {
            reasons.Add("the firing alerts it matches could not be read");
            return reasons;
        }

        foreach (var label in spreadLabels)
        {
            var values = Spread(firing, label);
            if (values.Count > 1)
            {
                reasons.Add($"it matches firing alerts of {values.Count} {label}s ({SilenceText.List(values)})");
            }
        }

        return reasons;
    }

    /// <summary>The distinct values of <paramref name="label"/> among the alerts, in order.</summary>
    public static IReadOnlyList<string> Spread(IReadOnlyList<IReadOnlyDictionary<string, string>> firing, string label) =>
        firing.Select(a => a.TryGetValue(label, out var v) ? v : null).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
