using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// <c>logs</c>: reads one container's log (or the same container of each pod with --all-pods), bounded by the
/// cluster's caps, and redacts it before anything of it leaves this class — the answer, and so the audit and the log.
/// </summary>
public sealed class LogsHandler(IKubernetesOperations kube, ISecretRedactor redactor, IOptionsMonitor<TargetOptions> targets, TimeProvider clock, IOperationProgress progress, ILogFollows follows)
    : IRequestHandler<LogsQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(LogsQuery request, CancellationToken cancellationToken)
    {
        var cluster = targets.CurrentValue.Clusters.GetValueOrDefault(request.Cluster) ?? new ClusterOptions();
        var tail = request.Tail ?? cluster.LogLines;
        var (pods, deployment) = await Resolve(request, cancellationToken);
        if (pods is null)
        {
            return OperationResult.Failure($"no deployment or pod named {request.Name} in {request.Target()}");
        }

        if (pods.Count == 0)
        {
            return OperationResult.Failure($"deployment {deployment} in {request.Target()} has no pods");
        }

        var pod = LogPick.Pod(pods);
        var container = LogPick.Container(pod, request.Container);
        if (container is null)
        {
            return OperationResult.Invalid($"pod {pod.Name} has no container {request.Container} (containers: {string.Join(", ", pod.Containers.Select(c => c.Name))})");
        }

        if (request.Previous && container.RestartCount == 0)
        {
            return OperationResult.Invalid($"container {container.Name} of pod {pod.Name} has not restarted: there is no previous log");
        }

        if (request.Follow)
        {
            var follow = new LogFollower(kube, redactor, clock, progress, follows);
            var followed = await follow.FollowAsync(request, LogText.Header(request, pods, pod, container, deployment, 1, tail), pod.Name, container.Name, cluster, tail, cancellationToken);
            return await CrashActions.OfferAsync(followed, kube, request.Target(), pod, cancellationToken);
        }

        var readFrom = request.AllPods ? pods.Where(p => p.Containers.Any(c => c.Name == container.Name && (!request.Previous || c.RestartCount > 0)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList() : [pod];
        var lines = new List<string>();
        var truncated = false;
        foreach (var p in readFrom)
        {
            var log = await kube.ReadLogAsync(request.Target(), new LogRead(p.Name, container.Name, request.Previous, request.Since, tail, cluster.MaxLogBytes), cancellationToken);
            lines.AddRange(request.AllPods ? log.Lines.Select(l => $"[{p.Name}] {l}") : log.Lines);
            truncated |= log.Truncated;
        }

        var (shown, masked) = Shown(redactor, request, lines);
        var header = LogText.Header(request, pods, pod, container, deployment, readFrom.Count, tail);
        var answer = LogText.Render(request, header, shown, masked, truncated, cluster.MaxLogBytes, LogPick.Kubectl(request, pod.Name, container.Name, tail),
            LogText.FileName(request, pod.Name, container.Name));
        return await CrashActions.OfferAsync(answer, kube, request.Target(), pod, cancellationToken);
    }

    /// <summary>
    /// What of the lines may be shown: redacted all at once (a PEM block spans lines), then filtered, so --grep never
    /// sees a secret to match.
    /// </summary>
    internal static (List<string> Shown, int Masked) Shown(ISecretRedactor redactor, LogsQuery request, IEnumerable<string> lines)
    {
        var redacted = redactor.Redact(string.Join('\n', lines));
        var shown = redacted.Text.Length == 0 ? [] : redacted.Text.Split('\n').ToList();
        if (request.Grep is { } grep)
        {
            shown = shown.Where(l => l.Contains(grep, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        return (shown, redacted.Masked);
    }

    /// <summary>The pods named: a deployment's, else the one pod; null when neither exists.</summary>
    private async Task<(IReadOnlyList<PodDetails>? Pods, string? Deployment)> Resolve(LogsQuery request, CancellationToken cancellationToken)
    {
        if (request.Subject.Kind != LogSubject.Pod)
        {
            try
            {
                return (await kube.ListPodsAsync(request.Target(), new PodSelection(request.Name, null), cancellationToken), request.Name);
            }
            catch (KubernetesFailure f) when (f.Kind == KubernetesFailureKind.NotFound && request.Subject.Kind is null)
            {
                // a bare name that is no deployment may be a pod's, as kubectl logs reads it
            }
        }

        try
        {
            return ([await kube.GetPodAsync(request.Target(), request.Name, cancellationToken)], null);
        }
        catch (KubernetesFailure f) when (f.Kind == KubernetesFailureKind.NotFound && request.Subject.Kind is null)
        {
            return (null, null);
        }
    }
}
