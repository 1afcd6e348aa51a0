namespace ChatOps.Bot.Features.Silences;

/// <summary>
/// The Alertmanagers users name with <c>--alertmanager</c>, bound from <c>ChatOps:Alertmanagers</c>. Kept apart from
/// <c>ChatOps:Alertmanager</c> (the webhook receiver): that one is how Alertmanager reaches the bot, these are how the
/// bot reaches Alertmanager.
/// </summary>
public sealed class AlertmanagerTargetOptions
{
    public const string SectionName = "ChatOps";

    public Dictionary<string, AlertmanagerTarget> Alertmanagers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class AlertmanagerTarget
{
    /// <summary>The API's base URL, e.g. <c>http://alertmanager:9093</c>.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The other peers of an HA cluster: a call goes to the first that answers; gossip copies silences to the rest.</summary>
    public List<string> Peers { get; set; } = [];

    /// <summary>Basic authentication user; empty sends none.</summary>
    public string User { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    /// <summary>Sent as <c>Authorization: Bearer …</c>; takes precedence over User and Password.</summary>
    public string BearerToken { get; set; } = string.Empty;

    public bool Production { get; set; }

    /// <summary>The Alertmanager used when a command names none; a single configured one is the default anyway.</summary>
    public bool Default { get; set; }

    /// <summary>A silence lasting longer than this is dangerous (needs approval in production).</summary>
    public TimeSpan MaxSilence { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A silence matching firing alerts with more than one value of any of these labels is dangerous.</summary>
    public List<string> SpreadLabels { get; set; } = ["namespace", "service"];

    /// <summary>How long one API call to one peer may take before the next peer is tried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Every address to try, in order.</summary>
    public IEnumerable<string> Urls => Peers.Prepend(Url).Where(u => u.Length > 0);
}
