namespace ChatOps.Bot.Features.Alerts;

public sealed class AlertmanagerOptions
{
    public const string SectionName = "ChatOps:Alertmanager";

    /// <summary>What Alertmanager sends as <c>Authorization: Bearer …</c>; empty leaves <c>POST /alertmanager</c> disabled (404).</summary>
    [Description("the bearer token Alertmanager sends; empty disables `POST /alertmanager` (404)")]
    public string BearerToken { get; set; } = string.Empty;

    /// <summary>Where alert cards go, as <c>slack:&lt;channel&gt;</c>, <c>teams:&lt;conversation&gt;</c> or <c>log</c>.</summary>
    [Description("where alert cards go: `slack:<channel>`, `teams:<conversation>` or `log` (required once the token is set)")]
    public string Channel { get; set; } = string.Empty;

    /// <summary>How many replicas the card's Scale button adds.</summary>
    [Description("replicas the card's Scale button adds (1–100)")]
    public int ScaleStep { get; set; } = 1;

    /// <summary>Checked in order; the first rule whose labels all match a firing alert declares an incident.</summary>
    [Description("alert labels that declare an incident automatically, checked in order (first match wins), e.g. `[{ \"Match\": { \"severity\": \"critical\" }, \"Severity\": \"P1\" }]`")]
    public List<AlertRule> Rules { get; set; } = [];
}
