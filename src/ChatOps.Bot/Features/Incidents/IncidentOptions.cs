namespace ChatOps.Bot.Features.Incidents;

public sealed class IncidentOptions
{
    public const string SectionName = "ChatOps:Incidents";

    /// <summary>Next-update interval per severity: a time span, or <c>next-business-day</c>.</summary>
    public Dictionary<string, string> Severities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Invited to every incident channel of their platform, besides the declarer and the commander: <c>slack:U123</c>.</summary>
    public List<string> Responders { get; set; } = [];

    /// <summary>How long after the missed-update reminder the incident is escalated to the announcements channel.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the bot looks for due SLA timers and channel setups to retry.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
