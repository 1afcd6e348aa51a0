namespace ChatOps.Bot.Features.Alerts;

/// <summary>Which configured rule, if any, turns a firing notification into an incident.</summary>
public static class AlertRules
{
    /// <summary>The first rule (in configuration order) whose labels all equal those of some firing alert in the group.</summary>
    public static AlertRule? Match(IEnumerable<AlertRule> rules, AlertmanagerPayload payload)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(payload);
        if (!payload.IsFiring)
        {
            return null;
        }

        var firing = payload.Alerts.Where(a => a.Status == AlertmanagerPayload.Firing).ToList();
        return rules.FirstOrDefault(rule => rule.Match.Count > 0 && firing.Any(alert =>
            rule.Match.All(m => alert.Labels.TryGetValue(m.Key, out var value) && string.Equals(value, m.Value, StringComparison.Ordinal))));
    }
}
