namespace ChatOps.Bot.Operations.Incidents;

/// <summary>Lifecycle states; the first three are what <c>incident update --status</c> may set, resolve sets the last.</summary>
public enum IncidentStatus
{
    Investigating,
    Identified,
    Monitoring,
    Resolved,
}

/// <summary>A declared incident as stored. <see cref="Commander"/> and <see cref="Lead"/> are user references as given (see <see cref="IncidentUsers"/>).</summary>
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
    public bool IsOpen => Status != IncidentStatus.Resolved;
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
    DateTimeOffset NextUpdateAt);

public enum TimelineKind
{
    Declare,
    Update,
    Severity,
    Commander,
    Resolve,

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

    public string? Commander { get; init; }

    public IncidentStatus? Status { get; init; }

    public DateTimeOffset? NextUpdateAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }
}
