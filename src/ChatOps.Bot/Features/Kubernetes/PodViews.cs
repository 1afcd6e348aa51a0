namespace ChatOps.Bot.Features.Kubernetes;

// What the investigation commands (pods, describe, events) read; like KubernetesViews, no KubernetesClient types.

/// <summary>Which pods <c>pods</c> lists: a deployment's (through its selector) or those matching a label selector.</summary>
public sealed record PodSelection(string? Deployment, string? Selector)
{
    public override string ToString() => Deployment is { } d ? $"deployment {d}" : $"selector {Selector}";
}

/// <summary>One of a container's states, as <c>kubectl describe pod</c> prints State and Last State.</summary>
public sealed record ContainerStateView(string State, string? Reason, string? Message, int? ExitCode, int? Signal, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

public sealed record ContainerDetails(
    string Name,
    string Image,
    string? ImageId,
    bool Ready,
    int RestartCount,
    ContainerStateView? State,
    ContainerStateView? LastState,
    IReadOnlyDictionary<string, string> Requests,
    IReadOnlyDictionary<string, string> Limits);

public sealed record PodDetails(
    string Name,
    string Namespace,
    string? Node,
    string Phase,
    string? Reason,
    DateTimeOffset? Created,
    bool Deleting,
    IReadOnlyList<ConditionView> Conditions,
    IReadOnlyList<ContainerDetails> Containers)
{
    public string? ControlledBy { get; init; }

    public string? PodIp { get; init; }

    public string? QosClass { get; init; }

    /// <summary>The <c>kubectl.kubernetes.io/default-container</c> annotation: the container kubectl logs picks without -c.</summary>
    public string? DefaultContainer { get; init; }
}

/// <summary>The object an event is about (<c>involvedObject</c>).</summary>
public sealed record ObjectRef(string Kind, string Name);

/// <summary>A core/v1 event; <paramref name="Count"/> is how many times the API server saw it repeat.</summary>
public sealed record EventView(string Type, string Reason, ObjectRef Object, string Message, int Count, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen);

/// <summary>
/// One container's log as <c>logs</c> asks the API server for it: <paramref name="TailLines"/> and
/// <paramref name="LimitBytes"/> go on the call, so the server never sends more, and the reader stops there too.
/// </summary>
public sealed record LogRead(string Pod, string Container, bool Previous, TimeSpan? Since, int TailLines, int LimitBytes);

/// <param name="Lines">The log's lines as read, not yet redacted: only the handler may show them, and only redacted.</param>
/// <param name="Truncated">The byte cap cut the log (the server's limitBytes or the reader's own).</param>
public sealed record PodLog(IReadOnlyList<string> Lines, bool Truncated);
