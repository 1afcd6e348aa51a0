using FluentValidation;

namespace ChatOps.Bot.Features.Kubernetes;

public sealed record HpaCommand(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name, int? Min, int? Max, bool DryRun)
    : IKubernetesRequest, IDangerous, IPreviewable
{
    public Role RequiredRole => Role.Operator;

    public TargetScope Scope => new(Cluster, Namespace);

    public bool IsDangerous => false;

    public ApprovalGrant? Approval { get; init; }
}

public sealed class HpaCommandValidator : KubernetesRequestValidator<HpaCommand>
{
    public HpaCommandValidator(IOptionsMonitor<TargetOptions> targets)
        : base(targets)
    {
        RuleFor(r => r).Custom((r, ctx) =>
        {
            if (r.Min is null && r.Max is null)
            {
                ctx.AddFailure("give --min, --max or both");
            }
            else if (r.Min < 1)
            {
                ctx.AddFailure($"--min must be at least 1, not {r.Min}");
            }
            else if (r.Min > r.Max)
            {
                ctx.AddFailure($"--min ({r.Min}) must not be above --max ({r.Max})");
            }
            else if (targets.CurrentValue.Clusters.TryGetValue(r.Cluster, out var c) && r.Max > c.MaxReplicas)
            {
                ctx.AddFailure($"--max {r.Max} is above the limit of cluster {r.Cluster} (MaxReplicas {c.MaxReplicas})");
            }
        });
    }
}

public sealed class HpaHandler(IKubernetesOperations kube) : IRequestHandler<HpaCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(HpaCommand request, CancellationToken cancellationToken)
    {
        var change = await kube.SetHpaBoundsAsync(request.Target(), request.Name, request.Min, request.Max, request.DryRun, cancellationToken);
        var (b, a) = (change.Before, change.After);
        var verb = request.DryRun ? "would set" : "set";
        return OperationResult.Success(
            $"{verb} HPA {request.Name} in {request.Target()}: min {b.Min} → {a.Min}, max {b.Max} → {a.Max} (current {a.Current}, {a.Targets}){KubeText.DryRunNote(change.DryRun)}") with
        {
            Visibility = Visibility.InChannel,
            Fields = [new("HPA", $"{request.Name} → {a.TargetDeployment}"), new("Min", $"{b.Min} → {a.Min}"), new("Max", $"{b.Max} → {a.Max}")],
        };
    }
}
