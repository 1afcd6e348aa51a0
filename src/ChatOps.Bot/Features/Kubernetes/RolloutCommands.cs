using FluentValidation;

namespace ChatOps.Bot.Features.Kubernetes;

public sealed record RolloutStatusQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name, TimeSpan? Wait)
    : IKubernetesRequest
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed record RolloutHistoryQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name) : IKubernetesRequest
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

/// <summary>
/// An operator action, also in production: undoing a bad release must not wait for a second person, unless the
/// team lists it in ChatOps:Approvals:Commands.
/// </summary>
public sealed record RolloutUndoCommand(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name, long? ToRevision, bool DryRun)
    : IKubernetesRequest, IDangerous, IPreviewable
{
    public Role RequiredRole => Role.Operator;

    public TargetScope Scope => new(Cluster, Namespace);

    public bool IsDangerous => false;

    public ApprovalGrant? Approval { get; init; }
}

public sealed record RolloutRestartCommand(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name, bool DryRun)
    : IKubernetesRequest, IDangerous, IPreviewable
{
    public Role RequiredRole => Role.Operator;

    public TargetScope Scope => new(Cluster, Namespace);

    public bool IsDangerous => false;

    public ApprovalGrant? Approval { get; init; }
}

public sealed class RolloutStatusQueryValidator : KubernetesRequestValidator<RolloutStatusQuery>
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);

    public RolloutStatusQueryValidator(IOptionsMonitor<TargetOptions> targets)
        : base(targets) =>
        RuleFor(r => r.Wait).Must(w => w is null || (w > TimeSpan.Zero && w <= MaxWait)).WithMessage("--wait must be between 1s and 15m");
}

public sealed class RolloutHistoryQueryValidator(IOptionsMonitor<TargetOptions> targets) : KubernetesRequestValidator<RolloutHistoryQuery>(targets);

public sealed class RolloutUndoCommandValidator : KubernetesRequestValidator<RolloutUndoCommand>
{
    public RolloutUndoCommandValidator(IOptionsMonitor<TargetOptions> targets)
        : base(targets) =>
        RuleFor(r => r.ToRevision).Must(v => v is null or > 0).WithMessage(r => $"--to-revision must be 1 or more, not {r.ToRevision}");
}

public sealed class RolloutRestartCommandValidator(IOptionsMonitor<TargetOptions> targets) : KubernetesRequestValidator<RolloutRestartCommand>(targets);
