namespace ChatOps.Bot.Features.Alerts;

/// <summary>Maps alert labels (e.g. <c>severity: critical</c>) to an automatic incident declaration at <see cref="Severity"/> (P1..P4).</summary>
public sealed class AlertRule
{
    [MapKey("label")]
    [Description("labels a firing alert must all have, e.g. `severity: critical`")]
    public Dictionary<string, string> Match { get; set; } = new(StringComparer.Ordinal);

    [Description("the declared incident's severity, `P1` to `P4`")]
    public string Severity { get; set; } = string.Empty;

    /// <summary>
    /// Who commands an incident this rule declares (a platform user id, e.g. the on-call lead's Slack id): reminders
    /// mention the commander, and without one they would mention the Alertmanager identity, which nobody reads.
    /// </summary>
    [Description("who commands the incidents this rule declares (a user id such as the on-call lead's `U0123ABC`); without one the commander is the `alertmanager` identity and reminders mention nobody who reads them")]
    public string Commander { get; set; } = string.Empty;
}
