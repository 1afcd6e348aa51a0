using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary><c>describe pod</c>: one pod, as <c>kubectl describe pod</c> shows it.</summary>
public sealed record DescribePodQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name) : IKubernetesRequest
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

/// <summary><c>describe</c> a deployment: its worst pod, so "why is it broken" needs no pod name.</summary>
public sealed record DescribeDeploymentQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name) : IKubernetesRequest
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed class DescribePodQueryValidator(IOptionsMonitor<TargetOptions> targets) : KubernetesRequestValidator<DescribePodQuery>(targets);

public sealed class DescribeDeploymentQueryValidator(IOptionsMonitor<TargetOptions> targets) : KubernetesRequestValidator<DescribeDeploymentQuery>(targets);

public sealed class DescribePodHandler(IKubernetesOperations kube, ISecretRedactor redactor, TimeProvider clock) : IRequestHandler<DescribePodQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(DescribePodQuery request, CancellationToken cancellationToken)
    {
        var pod = await kube.GetPodAsync(request.Target(), request.Name, cancellationToken);
        var events = await kube.ListEventsAsync(request.Target(), [new ObjectRef("Pod", pod.Name)], cancellationToken);
        return await CrashActions.OfferAsync(PodDescription.Render(request.Target(), pod, events, null, redactor, clock.GetUtcNow()), kube, request.Target(), pod, cancellationToken);
    }
}

public sealed class DescribeDeploymentHandler(IKubernetesOperations kube, ISecretRedactor redactor, TimeProvider clock) : IRequestHandler<DescribeDeploymentQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(DescribeDeploymentQuery request, CancellationToken cancellationToken)
    {
        var pods = await kube.ListPodsAsync(request.Target(), new PodSelection(request.Name, null), cancellationToken);
        var ranked = PodStatus.Worst(pods);
        if (ranked.Count == 0)
        {
            return OperationResult.Failure($"deployment {request.Name} in {request.Target()} has no pods to describe");
        }

        var worst = pods.Single(p => p.Name == ranked[0].Name);
        var others = ranked.Skip(1).Select(p => $"{p.Name} ({p.Status})").ToList();
        var picked = $"deployment {request.Name}: describing {(ranked[0].Healthy ? "pod" : "its worst pod")} {worst.Name}" +
            (others.Count == 0 ? string.Empty : $"; others: {string.Join(", ", others)}");
        var events = await kube.ListEventsAsync(request.Target(), [new ObjectRef("Pod", worst.Name)], cancellationToken);
        return await CrashActions.OfferAsync(PodDescription.Render(request.Target(), worst, events, picked, redactor, clock.GetUtcNow()), kube, request.Target(), worst, cancellationToken);
    }
}
