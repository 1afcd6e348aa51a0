namespace ChatOps.Bot.Features.Policies;

/// <summary>"Not now" and "not that much": rules evaluated after authorization and before approval.</summary>
public sealed class PolicyOptions
{
    public const string SectionName = "ChatOps:Policies";

    [Description("change freezes: while one is in force, the mutating commands it covers are refused (reads always pass)")]
    public List<FreezeWindowOptions> Freezes { get; set; } = [];

    [Description("blast-radius limits on mutating commands")]
    public BlastRadiusOptions Limits { get; set; } = new();

    [Description("N-of-M approval rules: per command and scope, how many approvals and from whom; the first rule that covers a request applies")]
    public List<ApprovalRuleOptions> Approvals { get; set; } = [];

    [Description("break-glass elevation: who may ask for a time-bound role, for how long, self-granted or approved")]
    public ElevationOptions Elevation { get; set; } = new();
}

/// <summary>
/// One named freeze: weekly (<see cref="StartDay"/> … <see cref="EndTime"/>) or one-off (<see cref="From"/> …
/// <see cref="Until"/>), in wall-clock time of <see cref="TimeZone"/>; start inclusive, end exclusive.
/// </summary>
public sealed class FreezeWindowOptions
{
    [Description("the window's name, shown in every refusal (unique)")]
    public string Name { get; set; } = string.Empty;

    [Description("IANA time zone the window's times are wall-clock times of, e.g. `Europe/Berlin`")]
    public string TimeZone { get; set; } = "UTC";

    [Description("weekly window: the day it starts")]
    public DayOfWeek? StartDay { get; set; }

    [Description("weekly window: the time it starts on StartDay (`HH:mm`)")]
    public string? StartTime { get; set; }

    [Description("weekly window: the day it ends")]
    public DayOfWeek? EndDay { get; set; }

    [Description("weekly window: the time it ends on EndDay (`HH:mm`, exclusive)")]
    public string? EndTime { get; set; }

    [Description("one-off window: local start (`yyyy-MM-ddTHH:mm`, inclusive)")]
    public string? From { get; set; }

    [Description("one-off window: local end (`yyyy-MM-ddTHH:mm`, exclusive)")]
    public string? Until { get; set; }

    [Description("cluster, database or broker names it covers; empty: every target")]
    public List<string> Targets { get; set; } = [];

    [Description("namespaces it covers; empty: every namespace (and targets without one)")]
    public List<string> Namespaces { get; set; } = [];

    [Description("mutating commands it covers, e.g. `[\"scale\", \"rollout undo\"]`; empty: every mutating command")]
    public List<string> Commands { get; set; } = [];

    [Description("a command run for an open P1/P2 incident (with `--incident INC-…`, or typed in the incident's channel) passes, but needs approval and is marked on the incident's timeline")]
    public bool AllowForIncident { get; set; }
}

public sealed class BlastRadiusOptions
{
    [Description("namespaces no mutating command may touch, e.g. `[\"kube-system\"]`")]
    public List<string> ProtectedNamespaces { get; set; } = [];

    [Description("most replicas one scale command may add or remove; unset: no limit")]
    public int? MaxReplicaChange { get; set; }

    [Description("most replicas one scale command may add or remove, in percent of the current count; unset: no limit")]
    public int? MaxReplicaChangePercent { get; set; }

    [Description("scaling a production deployment down below this many replicas needs approval; unset: no minimum")]
    public int? MinProductionReplicas { get; set; }

    [Description("a `queue purge` removing more messages than this needs one more approver than it otherwise would (one, where it needs none); unset: no limit")]
    public long? MaxPurgeDepthWithoutExtraApprover { get; set; }

    [Description("most sessions one bulk `db kill` / `db kill-idle` may signal; above it the command is refused; unset: no limit")]
    public int? MaxKillSessions { get; set; }

    [Description("most commands of a kind per time window per scope, counted from the audit log (e.g. 3 `rollout undo` of one deployment in 10 minutes)")]
    public List<CommandRateOptions> Rates { get; set; } = [];

    /// <summary>A limit judges a scale's replica change, so the deployment's current count must be read.</summary>
    public bool JudgesReplicas => MaxReplicaChange is not null || MaxReplicaChangePercent is not null || MinProductionReplicas is not null;

    public bool JudgesPurgeDepth => MaxPurgeDepthWithoutExtraApprover is not null;

    public bool JudgesKillSessions => MaxKillSessions is not null;

    /// <summary>Some limit judges what a feature reads from its server; each source reads only for its own.</summary>
    public bool NeedsFacts => JudgesReplicas || JudgesPurgeDepth || JudgesKillSessions;
}
