using System.Runtime.CompilerServices;
using ChatOps.Bot.Features.Kubernetes;

namespace ChatOps.Tests.Fakes;

/// <summary>A hand-written fake of the Kubernetes port: canned views, recorded calls, an optional failure.</summary>
public sealed partial class FakeKubernetes : IKubernetesOperations
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls => _calls;

    public KubernetesFailure? Fail { get; set; }

    /// <summary>False: calls are not kept, so a benchmark running millions of them measures the bot, not a growing list.</summary>
    public bool KeepCalls { get; set; } = true;

    public int CurrentReplicas { get; set; } = 3;

    public HpaView? Hpa { get; set; }

    /// <summary>The image of the deployment's only container, "web".</summary>
    public string Image { get; set; } = "registry/web:3";

    /// <summary>The restartedAt annotation of the pod template, as the last restart left it.</summary>
    public string? RestartedAt { get; set; }

    public Queue<DeploymentView> Statuses { get; } = new();

    /// <summary>False: the server refuses watches (405), so <c>rollout status --wait</c> must poll.</summary>
    public bool WatchServed { get; set; } = true;

    /// <summary>The pods of the namespace: name → controller (null for a bare pod); all are Running.</summary>
    public Dictionary<string, OwnerView?> OwnedPods { get; } = new(StringComparer.Ordinal)
    {
        ["web-3-abcde"] = new OwnerView("ReplicaSet", "web-3"),
        ["web-3-fghij"] = new OwnerView("ReplicaSet", "web-3"),
        ["migrate-x1"] = new OwnerView("Job", "migrate"),
        ["debug"] = null,
    };

    /// <summary>The pod the ReplicaSet creates for the next pod deleted, and how many replacement checks run before it shows.</summary>
    public string Replacement { get; set; } = "web-3-klmno";

    public int ReplacementAfterChecks { get; set; }

    public static DeploymentView Deployment(string name = "web", int desired = 3, int updated = 3, int available = 3, long revision = 3, string? failure = null) => new(
        name, "default", desired, updated, updated, available, available, false, 2, 2, revision, [$"registry/web:{revision}"],
        failure is null ? [new("Available", "True", "MinimumReplicasAvailable", null)] : [new("Progressing", "False", failure, "ReplicaSet \"web-x\" has timed out progressing.")]);

    public Task<DeploymentStatus> GetStatusAsync(KubeTarget target, string deployment, CancellationToken cancellationToken)
    {
        Record($"status {target.Cluster}/{target.Namespace}/{deployment}");
        var d = Statuses.Count > 1 ? Statuses.Dequeue() : Statuses.Count == 1 ? Statuses.Peek() : Deployment(deployment);
        return Task.FromResult(new DeploymentStatus(
            d,
            [
                new ReplicaSetView("web-3", 3, 3, 3, ["registry/web:3"], "deploy 3", DateTimeOffset.UnixEpoch, true),
                new ReplicaSetView("web-2", 2, 0, 0, ["registry/web:2"], null, DateTimeOffset.UnixEpoch, false),
            ],
            [new PodView("web-3-abcde", "Running", 1, 1, 2, DateTimeOffset.UnixEpoch, null)],
            Hpa));
    }

    /// <summary>The queued statuses as watch events, then nothing until cancelled (a rollout that stays where it is).</summary>
    public async IAsyncEnumerable<DeploymentView> WatchDeploymentAsync(KubeTarget target, string deployment, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Record($"watch {target.Cluster}/{target.Namespace}/{deployment}");
        if (!WatchServed)
        {
            throw new KubernetesFailure(KubernetesFailureKind.WatchUnavailable, $"cannot watch deployment {deployment} in {target} (the server answered 405)");
        }

        while (Statuses.Count > 1)
        {
            yield return Statuses.Dequeue();
        }

        yield return Statuses.Count == 1 ? Statuses.Peek() : Deployment(deployment);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public Task<PodDeletion> DeletePodAsync(KubeTarget target, string pod, bool dryRun, CancellationToken cancellationToken)
    {
        Record($"delete pod {target.Cluster}/{target.Namespace}/{pod}{(dryRun ? " dry-run" : string.Empty)}");
        if (!OwnedPods.TryGetValue(pod, out var owner))
        {
            throw new KubernetesFailure(KubernetesFailureKind.NotFound, $"pod {pod} not found in namespace {target.Namespace} on cluster {target.Cluster}");
        }

        var (rs, deployment) = PodOwners.Check(target, pod, owner, owner is { Kind: "ReplicaSet" } ? new OwnerView("Deployment", "web") : null);
        var siblings = OwnedPods.Where(p => p.Value?.Name == rs).Select(p => p.Key).ToList();
        if (!dryRun)
        {
            OwnedPods.Remove(pod);
        }

        return Task.FromResult(new PodDeletion(pod, $"uid-{pod}", "Running", rs, deployment, siblings, dryRun));
    }

    public Task<string?> FindReplacementAsync(KubeTarget target, PodDeletion deleted, CancellationToken cancellationToken)
    {
        Record($"find replacement {target.Cluster}/{target.Namespace}/{deleted.Pod}");
        if (ReplacementAfterChecks-- > 0)
        {
            return Task.FromResult<string?>(null);
        }

        OwnedPods.TryAdd(Replacement, new OwnerView("ReplicaSet", deleted.ReplicaSet));
        return Task.FromResult(OwnedPods.Keys.Where(p => OwnedPods[p]?.Name == deleted.ReplicaSet).FirstOrDefault(p => !deleted.Siblings.Contains(p)));
    }

    public Task<ScaleChange> ScaleAsync(KubeTarget target, string deployment, int replicas, bool dryRun, CancellationToken cancellationToken)
    {
        Record($"scale {target.Cluster}/{target.Namespace}/{deployment} {replicas}{(dryRun ? " dry-run" : string.Empty)}");
        var before = CurrentReplicas;
        if (!dryRun)
        {
            CurrentReplicas = replicas;
        }

        return Task.FromResult(new ScaleChange(before, replicas, Hpa, dryRun));
    }

    public Task<HpaDetails> GetHpaAsync(KubeTarget target, string hpa, CancellationToken cancellationToken)
    {
        Record($"get hpa {target.Cluster}/{target.Namespace}/{hpa}");
        return Task.FromResult(new HpaDetails(Hpa ?? new HpaView(hpa, "web", 2, 10, 3, 3, "cpu 41%/70%"),
            [new("AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size"), new("ScalingActive", "True", "ValidMetricFound", null)]));
    }

    public Task<IReadOnlyList<HpaView>> ListHpasAsync(KubeTarget target, CancellationToken cancellationToken)
    {
        Record($"list hpa {target.Cluster}/{target.Namespace}");
        return Task.FromResult<IReadOnlyList<HpaView>>(Hpa is null ? [] : [Hpa]);
    }

    public Task<HpaChange> SetHpaBoundsAsync(KubeTarget target, string hpa, int? min, int? max, bool dryRun, CancellationToken cancellationToken)
    {
        Record($"hpa {target.Cluster}/{target.Namespace}/{hpa} {min} {max}");
        var before = Hpa ?? new HpaView(hpa, "web", 2, 10, 3, 3, "cpu 41%/70%");
        return Task.FromResult(new HpaChange(before, before with { Min = min ?? before.Min, Max = max ?? before.Max }, dryRun));
    }

    public Task<ImageChange> SetImageAsync(KubeTarget target, string deployment, string container, string image, string changeCause, bool dryRun, CancellationToken cancellationToken)
    {
        Record($"set image {target.Cluster}/{target.Namespace}/{deployment} {container}={image}{(dryRun ? " dry-run" : string.Empty)} cause: {changeCause}");
        if (container != "web")
        {
            throw new KubernetesFailure(KubernetesFailureKind.NotFound, $"deployment {deployment} in {target} has no container '{container}'; containers: web (nothing changed)");
        }

        var before = Image;
        if (!dryRun)
        {
            Image = image;
        }

        return Task.FromResult(new ImageChange(container, before, image, dryRun));
    }

    public Task<UndoResult> UndoAsync(KubeTarget target, string deployment, long? toRevision, bool dryRun, CancellationToken cancellationToken)
    {
        Record($"undo {target.Cluster}/{target.Namespace}/{deployment} {toRevision}");
        return Task.FromResult(new UndoResult(3, toRevision ?? 2, ["registry/web:3"], [$"registry/web:{toRevision ?? 2}"], dryRun) { Skipped = toRevision == 3 });
    }

    public Task<RestartResult> RestartAsync(KubeTarget target, string deployment, DateTimeOffset at, bool dryRun, CancellationToken cancellationToken)
    {
        Record($"restart {target.Cluster}/{target.Namespace}/{deployment}");
        var stamp = RolloutRestartPlan.Check(target, deployment, paused: false, RestartedAt, at);
        if (!dryRun)
        {
            RestartedAt = stamp;
        }

        return Task.FromResult(new RestartResult(stamp, 4, dryRun));
    }

    private void Record(string call)
    {
        if (Fail is { } failure)
        {
            throw failure;
        }

        if (KeepCalls)
        {
            _calls.Add(call);
        }
    }
}
