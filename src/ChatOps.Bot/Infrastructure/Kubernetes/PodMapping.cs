using ChatOps.Bot.Features.Kubernetes;
using k8s.Models;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>KubernetesClient pods and events → our views, with the fields <c>kubectl describe pod</c> prints.</summary>
public static class PodMapping
{
    public const string DefaultContainerAnnotation = "kubectl.kubernetes.io/default-container";

    public static PodDetails Pod(V1Pod p)
    {
        var statuses = p.Status?.ContainerStatuses ?? [];
        return new PodDetails(
            p.Metadata.Name,
            p.Metadata.NamespaceProperty,
            p.Spec?.NodeName,
            p.Status?.Phase ?? "Unknown",
            p.Status?.Reason,
            Utc(p.Metadata.CreationTimestamp),
            p.Metadata.DeletionTimestamp is not null,
            p.Status?.Conditions?.Select(c => new ConditionView(c.Type, c.Status, c.Reason, c.Message)).ToList() ?? [],
            (p.Spec?.Containers ?? []).Select(c => Container(c, statuses.FirstOrDefault(s => s.Name == c.Name))).ToList())
        {
            ControlledBy = p.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { } o ? $"{o.Kind}/{o.Name}" : null,
            PodIp = p.Status?.PodIP,
            QosClass = p.Status?.QosClass,
            DefaultContainer = p.Metadata.Annotations?.TryGetValue(DefaultContainerAnnotation, out var c) == true ? c : null,
        };
    }

    public static EventView Event(Corev1Event e) => new(
        e.Type ?? "Normal",
        e.Reason ?? string.Empty,
        new ObjectRef(e.InvolvedObject?.Kind ?? string.Empty, e.InvolvedObject?.Name ?? string.Empty),
        e.Message ?? string.Empty,
        e.Count ?? e.Series?.Count ?? 1,
        Utc(e.FirstTimestamp) ?? Utc(e.EventTime),
        Utc(e.LastTimestamp) ?? Utc(e.Series?.LastObservedTime) ?? Utc(e.EventTime) ?? Utc(e.FirstTimestamp));

    private static ContainerDetails Container(V1Container spec, V1ContainerStatus? status) => new(
        spec.Name,
        spec.Image ?? status?.Image ?? string.Empty,
        string.IsNullOrEmpty(status?.ImageID) ? null : status.ImageID,
        status?.Ready ?? false,
        status?.RestartCount ?? 0,
        State(status?.State),
        State(status?.LastState),
        Quantities(spec.Resources?.Requests),
        Quantities(spec.Resources?.Limits));

    private static ContainerStateView? State(V1ContainerState? s) =>
        s?.Running is { } r ? new("Running", null, null, null, null, Utc(r.StartedAt), null)
        : s?.Terminated is { } t ? new("Terminated", t.Reason, t.Message, t.ExitCode, t.Signal, Utc(t.StartedAt), Utc(t.FinishedAt))
        : s?.Waiting is { } w ? new("Waiting", w.Reason, w.Message, null, null, null, null)
        : null;

    private static Dictionary<string, string> Quantities(IDictionary<string, ResourceQuantity>? q) =>
        q?.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal) ?? [];

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
