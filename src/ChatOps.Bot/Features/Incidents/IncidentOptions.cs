namespace ChatOps.Bot.Features.Incidents;

public sealed class IncidentOptions
{
    public const string SectionName = "ChatOps:Incidents";

    /// <summary>Next-update interval per severity: a time span, or <c>next-business-day</c>.</summary>
    [MapKey("severity")]
    [Description("next-update interval of a severity (`P1` to `P4`): a duration or `next-business-day`; unset: P1 `00:15:00`, P2 `01:00:00`, P3 `04:00:00`, P4 `next-business-day`")]
    public Dictionary<string, string> Severities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Invited to every incident channel of their platform, besides the declarer and the commander: <c>slack:U123</c>.</summary>
    [Description("invited to every incident channel of their platform, besides the declarer and the commander: `slack:U0123` (`console:<name>` at the console)")]
    public List<string> Responders { get; set; } = [];

    /// <summary>How long after the missed-update reminder the incident is escalated to the announcements channel.</summary>
    [Description("how long after the missed-update reminder the incident is escalated to the announcements channel (1 s – 7 days)")]
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the bot looks for due SLA timers and channel setups to retry.</summary>
    [Description("how often each replica looks for due SLA timers and incident channels to retry (1 s – 5 min)")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
