using System.Runtime.CompilerServices;
using ChatOps.Bot.Features.Kubernetes;
using k8s;
using k8s.Models;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>KubernetesClient models → our views; the only place that reads their shape.</summary>
public static class KubeViews
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";
    public const string HashLabel = "pod-template-hash";

    public static long Revision(V1ObjectMeta? meta) =>
        meta?.Annotations?.TryGetValue(RevisionAnnotation, out var r) == true && long.TryParse(r, CultureInfo.InvariantCulture, out var n) ? n : 0;

    public static IReadOnlyList<string> Images(V1PodTemplateSpec? template)
    {
        if (template?.Spec?.Containers is not { Count: > 0 } containers)
        {
            return [];
        }

        var images = new List<string>(containers.Count);
        foreach (var c in containers)
        {
            images.Add(c.Image ?? string.Empty);
        }

        return images;
    }

    public static DeploymentView Deployment(V1Deployment d) => new(
        d.Metadata.Name,
        d.Metadata.NamespaceProperty,
        d.Spec.Replicas ?? 1,
        d.Status?.Replicas ?? 0,
        d.Status?.UpdatedReplicas ?? 0,
        d.Status?.ReadyReplicas ?? 0,
        d.Status?.AvailableReplicas ?? 0,
        d.Spec.Paused ?? false,
        d.Metadata.Generation ?? 0,
        d.Status?.ObservedGeneration ?? 0,
        Revision(d.Metadata),
        Images(d.Spec.Template),
        Conditions(d.Status?.Conditions));

    private static List<ConditionView> Conditions(IList<V1DeploymentCondition>? conditions)
    {
        if (conditions is null)
        {
            return [];
        }

        var views = new List<ConditionView>(conditions.Count);
        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            views.Add(new ConditionView(c.Type, c.Status, c.Reason, c.Message));
        }

        return views;
    }

    public static ReplicaSetView ReplicaSet(V1ReplicaSet rs, V1Deployment owner) => new(
        rs.Metadata.Name,
        Revision(rs.Metadata),
        rs.Status?.Replicas ?? 0,
        rs.Status?.ReadyReplicas ?? 0,
        Images(rs.Spec.Template),
        rs.Metadata.Annotations?.TryGetValue(ChangeCauseAnnotation, out var cause) == true ? cause : null,
        rs.Metadata.CreationTimestamp is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null,
        RunsTemplateOf(rs.Spec.Template, owner.Spec.Template));

    /// <summary>
    /// Whether a replica set's template is its deployment's (the hash label aside), remembered per pair of template
    /// objects. Comparing serialises and parses both templates — 12 % of the CPU of a <c>status</c> served from the watch
    /// cache (issue 19) — and the cache hands out the same objects until a watch event replaces them. A new deployment
    /// object (a new template, or the same one re-read) is compared afresh; nothing here is ever handed out to be changed.
    /// </summary>
    public static bool RunsTemplateOf(V1PodTemplateSpec replicaSet, V1PodTemplateSpec deployment)
    {
        if (Compared.TryGetValue(replicaSet, out var known) && ReferenceEquals(known.Deployment, deployment))
        {
            return known.Same;
        }

        var same = JsonNode.DeepEquals(TemplateWithoutHash(replicaSet), TemplateWithoutHash(deployment));
        Compared.AddOrUpdate(replicaSet, new Comparison(deployment, same));
        return same;
    }

    private sealed record Comparison(V1PodTemplateSpec Deployment, bool Same);

    private static readonly ConditionalWeakTable<V1PodTemplateSpec, Comparison> Compared = [];

    /// <summary>One pass over the container statuses: a cached <c>status</c> maps every pod of its deployment.</summary>
    public static PodView Pod(V1Pod p)
    {
        var ready = 0;
        var restarts = 0;
        string? waiting = null;
        if (p.Status?.ContainerStatuses is { } statuses)
        {
            foreach (var c in statuses)
            {
                ready += c.Ready ? 1 : 0;
                restarts += c.RestartCount;
                waiting ??= c.State?.Waiting?.Reason;
            }
        }

        return new PodView(
            p.Metadata.Name,
            p.Status?.Phase ?? "Unknown",
            ready,
            p.Spec?.Containers?.Count ?? 0,
            restarts,
            p.Metadata.CreationTimestamp is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null,
            waiting);
    }

    public static HpaView Hpa(V2HorizontalPodAutoscaler h)
    {
        var targets = h.Spec.Metrics?.Where(m => m.Resource is not null).Select(m =>
        {
            var current = h.Status?.CurrentMetrics?.FirstOrDefault(c => c.Resource?.Name == m.Resource.Name)?.Resource?.Current?.AverageUtilization;
            var target = m.Resource.Target?.AverageUtilization;
            return $"{m.Resource.Name} {(current is null ? "<unknown>" : $"{current}%")}/{(target is null ? "?" : $"{target}%")}";
        }).ToList() ?? [];
        return new HpaView(
            h.Metadata.Name,
            h.Spec.ScaleTargetRef?.Name ?? string.Empty,
            h.Spec.MinReplicas ?? 1,
            h.Spec.MaxReplicas,
            h.Status?.CurrentReplicas ?? 0,
            h.Status?.DesiredReplicas ?? 0,
            targets.Count == 0 ? "no metrics" : string.Join(", ", targets));
    }

    /// <summary>The pod template as JSON without the controller's pod-template-hash label: what a revision "is".</summary>
    public static JsonObject TemplateWithoutHash(V1PodTemplateSpec template)
    {
        var node = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(template))!;
        if (node["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(HashLabel);
        }

        return node;
    }

    /// <summary>The label selector of a workload in the query form (<c>a=b,c in (d)</c>).</summary>
    public static string Selector(V1LabelSelector? selector)
    {
        var parts = new List<string>();
        parts.AddRange(selector?.MatchLabels?.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}") ?? []);
        foreach (var e in selector?.MatchExpressions ?? [])
        {
            parts.Add(e.OperatorProperty switch
            {
                "In" => $"{e.Key} in ({string.Join(',', e.Values)})",
                "NotIn" => $"{e.Key} notin ({string.Join(',', e.Values)})",
                "Exists" => e.Key,
                _ => $"!{e.Key}",
            });
        }

        return string.Join(',', parts);
    }
}
