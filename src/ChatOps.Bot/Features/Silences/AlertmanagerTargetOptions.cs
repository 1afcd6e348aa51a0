namespace ChatOps.Bot.Features.Silences;

/// <summary>
/// The Alertmanagers users name with <c>--alertmanager</c>, bound from <c>ChatOps:Alertmanagers</c>. Kept apart from
/// <c>ChatOps:Alertmanager</c> (the webhook receiver): that one is how Alertmanager reaches the bot, these are how the
/// bot reaches Alertmanager.
/// </summary>
public sealed class AlertmanagerTargetOptions
{
    public const string SectionName = "ChatOps";

    [Description("Alertmanager APIs the `silence` commands act on, by the name users type after `--alertmanager`")]
    public Dictionary<string, AlertmanagerTarget> Alertmanagers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class AlertmanagerTarget
{
    /// <summary>The API's base URL, e.g. <c>http://alertmanager:9093</c>.</summary>
    [Description("the API's base URL, e.g. `http://alertmanager:9093`")]
    public string Url { get; set; } = string.Empty;

    /// <summary>The other peers of an HA cluster: a call goes to the first that answers; gossip copies silences to the rest.</summary>
    [Description("the other peers of an HA pair: a call goes to the first that answers; gossip copies silences to the rest")]
    public List<string> Peers { get; set; } = [];

    /// <summary>Basic authentication user; empty sends none.</summary>
    [Description("basic-authentication user; empty sends none")]
    public string User { get; set; } = string.Empty;

    [Description("basic-authentication password")]
    public string Password { get; set; } = string.Empty;

    /// <summary>Sent as <c>Authorization: Bearer …</c>; takes precedence over User and Password.</summary>
    [Description("sent as `Authorization: Bearer …`; takes precedence over User and Password")]
    public string BearerToken { get; set; } = string.Empty;

    [Description("dangerous silences (no equality matcher, too long, spread over several services) need a second person's approval")]
    public bool Production { get; set; }

    /// <summary>The Alertmanager used when a command names none; a single configured one is the default anyway.</summary>
    [Description("the Alertmanager used when a command names none; a single configured one is the default anyway")]
    public bool Default { get; set; }

    /// <summary>A silence lasting longer than this is dangerous (needs approval in production).</summary>
    [Description("a silence lasting longer than this is dangerous")]
    public TimeSpan MaxSilence { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A silence matching firing alerts with more than one value of any of these labels is dangerous.</summary>
    [Description("a silence matching firing alerts with more than one value of any of these labels is dangerous")]
    public List<string> SpreadLabels { get; set; } = ["namespace", "service"];

    /// <summary>How long one API call to one peer may take before the next peer is tried.</summary>
    [Description("how long one API call to one peer may take before the next peer is tried")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every address to try, in order.</summary>
    public IEnumerable<string> Urls => Peers.Prepend(Url).Where(u => u.Length > 0);
}
