namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>Which pod and container <c>logs</c> reads when the user did not say, chosen as the on-call would.</summary>
public static class LogPick
{
    /// <summary>The most recently restarted pod (its log says why), else the newest.</summary>
    public static PodDetails Pod(IReadOnlyList<PodDetails> pods) =>
        pods.Where(p => LastRestart(p) is not null).MaxBy(p => LastRestart(p))
        ?? pods.OrderByDescending(p => p.Created).ThenBy(p => p.Name, StringComparer.Ordinal).First();

    public static DateTimeOffset? LastRestart(PodDetails pod) =>
        pod.Containers.Where(c => c.RestartCount > 0).Select(c => c.LastState?.FinishedAt ?? DateTimeOffset.MinValue).DefaultIfEmpty().Max() is var at && at == default ? null : at;

    /// <summary>As kubectl: the one asked for, else the <c>default-container</c> annotation's (when the pod has it), else the first.</summary>
    public static ContainerDetails? Container(PodDetails pod, string? asked)
    {
        if (asked is not null)
        {
            return pod.Containers.FirstOrDefault(c => c.Name == asked);
        }

        return pod.Containers.FirstOrDefault(c => c.Name == pod.DefaultContainer) ?? pod.Containers.FirstOrDefault();
    }

    /// <summary>The command that gets the same log, and the rest of it, from a terminal.</summary>
    public static string Kubectl(LogsQuery request, string pod, string container, int tail)
    {
        var since = request.Since is { } s ? $" --since={Parsing.Durations.Format(s)}" : string.Empty;
        return $"kubectl logs {pod} -c {container} -n {request.Namespace}{(request.Previous ? " --previous" : string.Empty)}{since} --tail={tail.ToString(CultureInfo.InvariantCulture)}";
    }
}
