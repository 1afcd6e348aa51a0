namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// Incident commands need only "may use the bot" (viewer, everywhere) to get through the pipeline; who may change
/// severity, commander or resolve depends on the incident, so <see cref="IncidentAuthority"/> decides that in the handler.
/// </summary>
public interface IIncidentRequest : IRequiresRole
{
    Role IRequiresRole.RequiredRole => Role.Viewer;

    TargetScope IRequiresRole.Scope => TargetScope.Global;
}

/// <summary>A request about one incident; <see cref="Id"/> is null when it should come from the channel.</summary>
public interface IIncidentTargeted : IIncidentRequest
{
    string? Id { get; }
}

public sealed record DeclareIncidentCommand(
    ChatContext Context, CommandLine Command, string Severity, string Title, string? Commander, string? Lead, IReadOnlyList<string> Services)
    : IIncidentRequest, IMutating;

public sealed record UpdateIncidentCommand(ChatContext Context, CommandLine Command, string? Id, string Text, IncidentStatus? Status)
    : IIncidentTargeted, IMutating;

public sealed record ChangeSeverityCommand(ChatContext Context, CommandLine Command, string? Id, string Severity)
    : IIncidentTargeted, IMutating;

public sealed record ChangeCommanderCommand(ChatContext Context, CommandLine Command, string? Id, string? Commander)
    : IIncidentTargeted, IMutating;

public sealed record ResolveIncidentCommand(ChatContext Context, CommandLine Command, string? Id, string? Summary)
    : IIncidentTargeted, IMutating;

public sealed record ListIncidentsQuery(ChatContext Context, CommandLine Command, bool OpenOnly) : IIncidentRequest;

public sealed record ShowIncidentQuery(ChatContext Context, CommandLine Command, string? Id) : IIncidentTargeted;

public sealed record IncidentPostmortemQuery(ChatContext Context, CommandLine Command, string? Id) : IIncidentTargeted;
