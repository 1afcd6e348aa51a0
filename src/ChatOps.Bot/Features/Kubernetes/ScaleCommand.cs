using FluentValidation;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>Scaling to zero is dangerous: on a production cluster it needs a second person's approval.</summary>
public sealed record ScaleCommand(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name, int? Replicas, bool DryRun)
    : IKubernetesRequest, IDangerous, IPreviewable
{
    public Role RequiredRole => Role.Operator;

    public TargetScope Scope => new(Cluster, Namespace);

    public bool IsDangerous => Replicas == 0;

    /// <summary>
    /// Relative form (the alert card's Scale +N button): the target is computed from the desired count when the
    /// command runs, so a card clicked an hour later still adds N to what is there then.
    /// </summary>
    public int? By { get; init; }

    public ApprovalGrant? Approval { get; init; }
}

public sealed class ScaleCommandValidator : KubernetesRequestValidator<ScaleCommand>
{
    public ScaleCommandValidator(IOptionsMonitor<TargetOptions> targets)
        : base(targets)
    {
        RuleFor(r => r.Replicas).Custom((replicas, ctx) =>
        {
            if (replicas is not null && ctx.InstanceToValidate.By is not null)
            {
                ctx.AddFailure("give either the replica count or --by, not both");
            }
            else if (replicas is null && ctx.InstanceToValidate.By is not null)
            {
                return;
            }
            else if (replicas is null)
            {
                ctx.AddFailure("give the replica count: `scale <deployment> <replicas>` or `--replicas=<n>`");
            }
            else if (replicas < 0)
            {
                ctx.AddFailure($"replicas must be 0 or more, not {replicas}");
            }
            else if (targets.CurrentValue.Clusters.TryGetValue(ctx.InstanceToValidate.Cluster, out var c) && replicas > c.MaxReplicas)
            {
                ctx.AddFailure($"{replicas} replicas is above the limit of cluster {ctx.InstanceToValidate.Cluster} (MaxReplicas {c.MaxReplicas})");
            }
        });
    }
}

public sealed class ScaleHandler(IKubernetesOperations kube, IOptionsMonitor<TargetOptions> targets) : IRequestHandler<ScaleCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(ScaleCommand request, CancellationToken cancellationToken)
    {
        var replicas = request.Replicas ?? (await kube.GetStatusAsync(request.Target(), request.Name, cancellationToken)).Deployment.Desired + request.By!.Value;
        if (request.Replicas is null && targets.CurrentValue.Clusters.TryGetValue(request.Cluster, out var c) && replicas > c.MaxReplicas)
        {
            return OperationResult.Invalid(
                $"scaling {request.Name} by {request.By} would give {replicas} replicas, above the limit of cluster {request.Cluster} (MaxReplicas {c.MaxReplicas})");
        }

        var change = await kube.ScaleAsync(request.Target(), request.Name, replicas, request.DryRun, cancellationToken);
        var verb = request.DryRun ? "would scale" : "scaled";
        var text = $"{verb} deployment {request.Name} in {request.Target()}: {change.Before} → {change.After} replicas{KubeText.DryRunNote(change.DryRun)}";
        if (change.Hpa is { } hpa)
        {
            text += $"\n{KubeText.Hpa(hpa)} targets this deployment; " + HpaNote(change.After, hpa);
        }

        return OperationResult.Success(text) with
        {
            Visibility = Visibility.InChannel,
            Severity = change.Hpa is not null || change.DryRun ? Core.Severity.Warning : Core.Severity.Success,
            Fields =
            [
                new("Deployment", $"{request.Name} ({request.Namespace}, {request.Cluster})"),
                new("Replicas", $"{change.Before} → {change.After}"),
                new("HPA", change.Hpa is null ? "none" : $"min {change.Hpa.Min}, max {change.Hpa.Max}"),
            ],
        };
    }

    // Upstream's HPA does not touch a target at 0 replicas (condition ScalingActive=False, reason ScalingDisabled):
    // scaling to 0 switches autoscaling off until someone scales back to 1 or more, it is not undone by the HPA.
    private static string HpaNote(int replicas, HpaView hpa) =>
        replicas == 0 ? $"at 0 replicas the HPA is inactive (ScalingDisabled) and will not scale it back up; autoscaling resumes once replicas > 0 (e.g. `scale {hpa.TargetDeployment} {hpa.Min}`)"
        : replicas < hpa.Min || replicas > hpa.Max ? $"{replicas} is outside its bounds, so the HPA will set it back within {hpa.Min}–{hpa.Max} (change the bounds with `hpa {hpa.Name} --min n --max n`)"
        : "it may change the count again as load changes";
}
