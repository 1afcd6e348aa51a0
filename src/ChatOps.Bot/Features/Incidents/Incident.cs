namespace ChatOps.Bot.Features.Incidents;

/// <summary>Lifecycle states; the first three are what <c>incident update --status</c> may set, resolve sets the last.</summary>
public enum IncidentStatus
{
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

/// <summary>
/// A declared incident as stored. <see cref="Commander"/> and <see cref="Lead"/> are platform-qualified user ids
/// (<c>slack:U123</c>, see <see cref="IncidentUsers"/>); their names are for display only.
/// </summary>
public sealed record Incident(
    string Id,
    string Severity,
    string Title,
    IncidentStatus Status,
    string Commander,
    string? Lead,
    IReadOnlyList<string> Services,
    string ChannelId,
    string DeclaredBy,
    DateTimeOffset StartedAt,
    DateTimeOffset NextUpdateAt,
    DateTimeOffset? ResolvedAt)
{
    private readonly string? _commanderName;
    private readonly string? _leadName;

    public bool IsOpen => Status != IncidentStatus.Resolved;

    /// <summary>How the commander is shown; the id when no name was known.</summary>
    public string CommanderName { get => _commanderName ?? IncidentUsers.LocalId(Commander); init => _commanderName = value; }

    public string? LeadName { get => Lead is null ? null : _leadName ?? IncidentUsers.LocalId(Lead); init => _leadName = value; }

    /// <summary>The <see cref="Operations.IChatPlatform"/> the incident was declared on (<c>slack</c>, <c>teams</c>, <c>log</c>).</summary>
    public string Platform { get; init; } = string.Empty;

    /// <summary>The incident's own channel once it exists; null before (or where the platform has none).</summary>
    public string? IncidentChannel { get; init; }

    public string? IncidentChannelName { get; init; }

    public ChannelSetupState ChannelSetup { get; init; } = ChannelSetupState.None;

    /// <summary>Last reason a channel setup attempt failed, shown until it succeeds.</summary>
    public string? ChannelSetupError { get; init; }

    /// <summary>0 before the reminder, 1 after it (escalation next), 2 after the escalation.</summary>
    public int TimerStage { get; init; }

    /// <summary>When the SLA timer fires next; null when disarmed (resolved, or escalated already).</summary>
    public DateTimeOffset? TimerDueAt { get; init; }

    /// <summary>The channel where commands may omit the id and reminders go: its own channel, else where it was declared.</summary>
    public string HomeChannel => IncidentChannel ?? ChannelId;
}

/// <summary>Whether an incident still needs its own channel: the declare stores Pending, a successful setup sets Done.</summary>
public enum ChannelSetupState
{
    None,
    Pending,
    Done,
}

/// <summary>What <c>incident declare</c> asks the store to create; the store allocates the id.</summary>
public sealed record NewIncident(
    string Severity,
    string Title,
    string Commander,
    string? Lead,
    IReadOnlyList<string> Services,
    string ChannelId,
    string DeclaredBy,
    DateTimeOffset StartedAt,
    DateTimeOffset NextUpdateAt)
{
    public string Platform { get; init; } = string.Empty;

    public string? CommanderName { get; init; }

    public string? LeadName { get; init; }

    /// <summary>When set, the incident is stored with its channel setup pending; the members to invite travel with it.</summary>
    public IReadOnlyList<string>? ChannelMembers { get; init; }
}

public enum TimelineKind
{
    Declare,
    Update,
    Severity,
    Commander,
    Resolve,
    Channel,
    Reminder,
    Escalation,
    Operation,

    /// <summary>An Alertmanager event about the group that declared the incident (e.g. it resolved).</summary>
    Alert,
}

public sealed record TimelineEntry(DateTimeOffset At, string Who, TimelineKind Kind, string Text);

/// <summary>
/// A change to an incident and the timeline entry that explains it, written in one transaction. Null fields are
/// left as they are, so a plain update is a change with only <see cref="Entry"/> (and the next update time).
/// </summary>
public sealed record IncidentChange(string Id, TimelineEntry Entry)
{
    public string? Severity { get; init; }

    /// <summary>The new commander's platform-qualified id; <see cref="CommanderName"/> goes with it.</summary>
    public string? Commander { get; init; }

    public string? CommanderName { get; init; }

    public IncidentStatus? Status { get; init; }

    public DateTimeOffset? NextUpdateAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }
}
