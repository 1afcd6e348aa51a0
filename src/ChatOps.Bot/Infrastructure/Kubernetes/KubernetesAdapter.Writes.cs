using ChatOps.Bot.Features.Kubernetes;
using k8s;
using k8s.Models;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

public sealed partial class KubernetesAdapter
{
    public const string RestartedAtAnnotation = RolloutRestartPlan.Annotation;

    // Deployment annotations a rollback keeps from the deployment rather than taking from the ReplicaSet: they
    // describe the deployment's own bookkeeping, not the revision (the same list kubectl uses).
    private static readonly HashSet<string> KeptOnRollback =
    [
        "kubectl.kubernetes.io/last-applied-configuration",
        KubeViews.RevisionAnnotation,
        "deployment.kubernetes.io/revision-history",
        "deployment.kubernetes.io/desired-replicas",
        "deployment.kubernetes.io/max-replicas",
        "deprecated.deployment.rollback.to",
    ];

    public Task<ScaleChange> ScaleAsync(KubeTarget target, string deployment, int replicas, bool dryRun, CancellationToken cancellationToken)
    {
        var attempts = 0;
        return KubeCalls.RetryOnConflict(target, $"deployment {deployment}", async () =>
        {
            // Only the first attempt may read the watch cache: a 409 means what we read was stale, so the retry
            // reads the server itself, and the write below is refused whenever the version read is not current.
            var c = attempts++ == 0 ? Cached(target) : null;
            var (d, hpa) = c?.Deployments.Get(deployment) is { } cached
                ? (cached, HpaFor(c.Hpas.All, deployment))
                : await ReadLive(target, deployment, cancellationToken);

            // The resourceVersion makes the write conditional: "before" is exactly what we replaced.
            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = d.Metadata.ResourceVersion },
                ["spec"] = new JsonObject { ["replicas"] = replicas },
            };
            var scale = await Call(target, "patch", "deployments/scale", $"deployment {deployment}",
                (k, ct) => k.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), deployment, target.Namespace, dryRun: DryRun(dryRun), cancellationToken: ct),
                cancellationToken);
            return new ScaleChange(d.Spec.Replicas ?? 1, scale.Spec?.Replicas ?? replicas, hpa is null ? null : KubeViews.Hpa(hpa), dryRun);
        });
    }

    /// <summary>Independent reads, run together: a live scale costs two round trips instead of three.</summary>
    private async Task<(V1Deployment Deployment, V2HorizontalPodAutoscaler? Hpa)> ReadLive(KubeTarget target, string deployment, CancellationToken cancellationToken)
    {
        var read = ReadDeployment(target, deployment, cancellationToken);
        var findHpa = FindHpa(target, deployment, cancellationToken);
        await Task.WhenAll(read, findHpa);
        return (await read, await findHpa);
    }

    public Task<HpaChange> SetHpaBoundsAsync(KubeTarget target, string hpa, int? min, int? max, bool dryRun, CancellationToken cancellationToken) =>
        KubeCalls.RetryOnConflict(target, $"HPA {hpa}", async () =>
        {
            var current = await ReadHpa(target, hpa, cancellationToken);
            var before = KubeViews.Hpa(current);
            var (newMin, newMax) = (min ?? before.Min, max ?? before.Max);
            if (newMin > newMax)
            {
                throw new KubernetesFailure(KubernetesFailureKind.Invalid,
                    $"HPA {hpa} would have min {newMin} above max {newMax}; give both --min and --max (nothing changed)");
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = current.Metadata.ResourceVersion },
                ["spec"] = new JsonObject { ["minReplicas"] = newMin, ["maxReplicas"] = newMax },
            };
            var after = await Call(target, "patch", "horizontalpodautoscalers", $"HPA {hpa}",
                (k, ct) => k.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), hpa, target.Namespace, dryRun: DryRun(dryRun), cancellationToken: ct),
                cancellationToken);
            return new HpaChange(before, KubeViews.Hpa(after), dryRun);
        });

    /// <summary>
    /// A strategic merge patch keyed by container name (what kubectl set image sends), conditional on the
    /// resourceVersion we read so "before" is exactly the image we replaced.
    /// </summary>
    public Task<ImageChange> SetImageAsync(KubeTarget target, string deployment, string container, string image, string changeCause, bool dryRun, CancellationToken cancellationToken) =>
        KubeCalls.RetryOnConflict(target, $"deployment {deployment}", async () =>
        {
            var d = await ReadDeployment(target, deployment, cancellationToken);
            var containers = d.Spec.Template?.Spec?.Containers ?? [];
            var current = containers.FirstOrDefault(c => c.Name == container)
                ?? throw new KubernetesFailure(KubernetesFailureKind.NotFound,
                    $"deployment {deployment} in {target} has no container '{container}'; containers: {string.Join(", ", containers.Select(c => c.Name))} (nothing changed)");
            if (current.Image == image)
            {
                return new ImageChange(container, image, image, dryRun);
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["resourceVersion"] = d.Metadata.ResourceVersion,
                    ["annotations"] = new JsonObject { [KubeViews.ChangeCauseAnnotation] = changeCause },
                },
                ["spec"] = new JsonObject
                {
                    ["template"] = new JsonObject
                    {
                        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = container, ["image"] = image }) },
                    },
                },
            };
            await Call(target, "patch", "deployments", $"deployment {deployment}",
                (k, ct) => k.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), deployment, target.Namespace, dryRun: DryRun(dryRun), cancellationToken: ct),
                cancellationToken);
            return new ImageChange(container, current.Image ?? string.Empty, image, dryRun);
        });

    /// <summary>
    /// kubectl's rollback, in our words: pick the ReplicaSet (<see cref="RolloutUndoPlan"/>), take its pod template
    /// without the pod-template-hash label, and replace the deployment's template and annotations with one JSON
    /// patch — annotations from the ReplicaSet, except the bookkeeping ones, which the deployment keeps. The
    /// patch also names the resourceVersion we read, so a concurrent change is a 409 and we start over.
    /// </summary>
    public Task<UndoResult> UndoAsync(KubeTarget target, string deployment, long? toRevision, bool dryRun, CancellationToken cancellationToken) =>
        KubeCalls.RetryOnConflict(target, $"deployment {deployment}", async () =>
        {
            var d = await ReadDeployment(target, deployment, cancellationToken);
            var owned = await OwnedReplicaSets(target, d, cancellationToken);
            var view = KubeViews.Deployment(d);
            var chosen = RolloutUndoPlan.Choose(target, view, owned.Select(r => KubeViews.ReplicaSet(r, d)).ToList(), toRevision);
            if (chosen.MatchesDeploymentTemplate)
            {
                return new UndoResult(view.Revision, chosen.Revision, view.Images, chosen.Images, dryRun) { Skipped = true };
            }

            var rs = owned.First(r => r.Metadata.Name == chosen.Name);

            var annotations = new JsonObject();
            foreach (var (k, v) in d.Metadata.Annotations ?? new Dictionary<string, string>())
            {
                if (KeptOnRollback.Contains(k))
                {
                    annotations[k] = v;
                }
            }

            foreach (var (k, v) in rs.Metadata.Annotations ?? new Dictionary<string, string>())
            {
                if (!KeptOnRollback.Contains(k))
                {
                    annotations[k] = v;
                }
            }

            var patch = new JsonArray(
                new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = KubeViews.TemplateWithoutHash(rs.Spec.Template) },
                new JsonObject { ["op"] = "add", ["path"] = "/metadata/annotations", ["value"] = annotations },
                new JsonObject { ["op"] = "replace", ["path"] = "/metadata/resourceVersion", ["value"] = d.Metadata.ResourceVersion });
            await Call(target, "patch", "deployments", $"deployment {deployment}",
                (k, ct) => k.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), deployment, target.Namespace, dryRun: DryRun(dryRun), cancellationToken: ct),
                cancellationToken);
            return new UndoResult(view.Revision, chosen.Revision, view.Images, chosen.Images, dryRun);
        });

    public async Task<RestartResult> RestartAsync(KubeTarget target, string deployment, DateTimeOffset at, bool dryRun, CancellationToken cancellationToken)
    {
        var d = await ReadDeployment(target, deployment, cancellationToken);
        var current = d.Spec.Template?.Metadata?.Annotations?.TryGetValue(RestartedAtAnnotation, out var s) == true ? s : null;
        var stamp = RolloutRestartPlan.Check(target, deployment, d.Spec.Paused == true, current, at);
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RestartedAtAnnotation] = stamp } },
                },
            },
        };
        var updated = await Call(target, "patch", "deployments", $"deployment {deployment}",
            (k, ct) => k.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), deployment, target.Namespace, dryRun: DryRun(dryRun), cancellationToken: ct),
            cancellationToken);
        return new RestartResult(stamp, KubeViews.Revision(updated.Metadata), dryRun);
    }
}
