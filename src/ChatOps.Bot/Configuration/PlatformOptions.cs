namespace ChatOps.Bot.Configuration;

public sealed class SlackOptions
{
    public const string SectionName = "ChatOps:Slack";

    public string SigningSecret { get; set; } = string.Empty;

    public string BotToken { get; set; } = string.Empty;

    public string AppToken { get; set; } = string.Empty;

    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    public List<string> AllowedTeamIds { get; set; } = [];

    public string AuditChannel { get; set; } = string.Empty;

    public string IncidentsChannel { get; set; } = string.Empty;

    /// <summary>
    /// How long a slash command may run before Slack is answered "working on it" and the result goes to
    /// <c>response_url</c> instead. Slack gives up after 3 s; the rest is margin for the network.
    /// </summary>
    public TimeSpan AckBudget { get; set; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>How long members of a user group (role bindings by <c>slack-group:S…</c>) are cached.</summary>
    public TimeSpan GroupCacheExpiry { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class TeamsOptions
{
    public const string SectionName = "ChatOps:Teams";

    public string AppId { get; set; } = string.Empty;

    public string AppPassword { get; set; } = string.Empty;

    public string TenantId { get; set; } = string.Empty;

    public List<string> AllowedTenantIds { get; set; } = [];

    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    public string AuditConversationId { get; set; } = string.Empty;

    /// <summary>Where incident announcements go on Teams (a channel conversation the bot was added to).</summary>
    public string IncidentsConversationId { get; set; } = string.Empty;
}

public sealed class AlertmanagerOptions
{
    public const string SectionName = "ChatOps:Alertmanager";

    /// <summary>What Alertmanager sends as <c>Authorization: Bearer …</c>; empty leaves <c>POST /alertmanager</c> disabled (404).</summary>
    public string BearerToken { get; set; } = string.Empty;

    /// <summary>Where alert cards go, as <c>slack:&lt;channel&gt;</c>, <c>teams:&lt;conversation&gt;</c> or <c>log</c>.</summary>
    public string Channel { get; set; } = string.Empty;

    /// <summary>How many replicas the card's Scale button adds.</summary>
    public int ScaleStep { get; set; } = 1;

    /// <summary>Checked in order; the first rule whose labels all match a firing alert declares an incident.</summary>
    public List<AlertRule> Rules { get; set; } = [];
}

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
