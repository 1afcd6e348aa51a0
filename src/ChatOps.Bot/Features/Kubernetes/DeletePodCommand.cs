namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// <c>delete pod</c>: the pod's containers stop at once and serving capacity drops until the replacement is ready, so
/// in production it waits for a second person, like <c>set image</c>.
/// </summary>
public sealed record DeletePodCommand(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name, bool DryRun)
    : IKubernetesRequest, IDangerous, IPreviewable
{
    public Role RequiredRole => Role.Operator;

    public TargetScope Scope => new(Cluster, Namespace);

    public bool IsDangerous => true;

    public ApprovalGrant? Approval { get; init; }
}

public sealed class DeletePodCommandValidator(IOptionsMonitor<TargetOptions> targets) : KubernetesRequestValidator<DeletePodCommand>(targets);

/// <summary>Deletes the pod, then looks for its replacement for a few seconds so the answer can name it.</summary>
public sealed class DeletePodHandler(IKubernetesOperations kube, TimeProvider clock) : IRequestHandler<DeletePodCommand, OperationResult>
{
    public static readonly TimeSpan ReplacementWait = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan ReplacementPoll = TimeSpan.FromMilliseconds(500);

    public async ValueTask<OperationResult> Handle(DeletePodCommand request, CancellationToken cancellationToken)
    {
        var d = await kube.DeletePodAsync(request.Target(), request.Name, request.DryRun, cancellationToken);
        var owner = $"ReplicaSet {d.ReplicaSet} of deployment {d.Deployment}";
        if (d.DryRun)
        {
            return OperationResult.Success($"would delete pod {d.Pod} ({d.Phase}) in {request.Target()}; {owner} would replace it{KubeText.DryRunNote(true)}");
        }

        var replacement = await FindReplacementAsync(request, d, cancellationToken);
        var next = replacement is null
            ? $"; no replacement seen within {Durations.Format(ReplacementWait)} (follow it with `status {d.Deployment} -n {request.Namespace}`)"
            : $": its replacement is pod {replacement}";
        return OperationResult.Success($"deleted pod {d.Pod} ({d.Phase}) in {request.Target()}; {owner} replaces it{next}") with
        {
            Visibility = Visibility.InChannel,
            Fields =
            [
                new("Pod", $"{d.Pod} ({request.Namespace}, {request.Cluster})"),
                new("Replaced by", replacement ?? "not seen yet"),
            ],
        };
    }

    private async Task<string?> FindReplacementAsync(DeletePodCommand request, PodDeletion deleted, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + ReplacementWait;
        while (true)
        {
            try
            {
                if (await kube.FindReplacementAsync(request.Target(), deleted, cancellationToken) is { } pod)
                {
                    return pod;
                }
            }
            catch (PortFailure)
            {
                // The pod is deleted either way: not seeing its replacement is not a failure of the command.
                return null;
            }

            if (clock.GetUtcNow() + ReplacementPoll > deadline)
            {
                return null;
            }

            await Task.Delay(ReplacementPoll, clock, cancellationToken);
        }
    }
}
