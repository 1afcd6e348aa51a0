namespace ChatOps.Bot.Features.Alerts;

/// <summary>Maps alert labels (e.g. <c>severity: critical</c>) to an automatic incident declaration at <see cref="Severity"/> (P1..P4).</summary>
public sealed class AlertRule
{
    public Dictionary<string, string> Match { get; set; } = new(StringComparer.Ordinal);

    public string Severity { get; set; } = string.Empty;

    /// <summary>
    /// Who commands an incident this rule declares (a platform user id, e.g. the on-call lead's Slack id): reminders
    /// mention the commander, and without one they would mention the Alertmanager identity, which nobody reads.
    /// </summary>
    public string Commander { get; set; } = string.Empty;
}
