namespace ChatOps.Bot.Features.Alerts;

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
