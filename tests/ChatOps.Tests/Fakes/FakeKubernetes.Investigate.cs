using ChatOps.Bot.Features.Kubernetes;

namespace ChatOps.Tests.Fakes;

/// <summary>The investigation reads (issue 14): canned pods and events, kept apart from the rest of the fake.</summary>
public sealed partial class FakeKubernetes
{
    public static readonly DateTimeOffset PodsCreated = TestClock.Epoch.AddHours(-1);

    /// <summary>web's pods: one healthy, one crash-looping whose last run was OOM-killed.</summary>
    public List<PodDetails> Pods { get; } =
    [
        Pod("web-3-abcde", "Running", ready: true, state: new("Running", null, null, null, null, PodsCreated, null)),
        Pod("web-3-fghij", "Running", ready: false, restarts: 5,
            state: new("Waiting", "CrashLoopBackOff", "back-off 5m0s restarting failed container=web pod=web-3-fghij", null, null, null, null),
            last: new("Terminated", "OOMKilled", null, 137, null, PodsCreated.AddMinutes(50), PodsCreated.AddMinutes(55))),
    ];

    public List<EventView> Events { get; } = [];

    public static PodDetails Pod(string name, string phase, bool ready, ContainerStateView? state, ContainerStateView? last = null, int restarts = 0,
        IReadOnlyList<ConditionView>? conditions = null, string? node = "node-1") => new(
        name, "default", node, phase, null, PodsCreated, false,
        conditions ?? [new("Ready", ready ? "True" : "False", ready ? null : "ContainersNotReady", null)],
        [new("web", "registry/web:3", ready ? "registry/web@sha256:0123" : null, ready, restarts, state, last,
            new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "128Mi" }, new Dictionary<string, string> { ["memory"] = "256Mi" })])
    {
        ControlledBy = "ReplicaSet/web-3",
    };

    public Task<IReadOnlyList<PodDetails>> ListPodsAsync(KubeTarget target, PodSelection selection, CancellationToken cancellationToken)
    {
        Record($"pods {target.Cluster}/{target.Namespace} {selection}");
        if (selection.Deployment is { } d && d != "web")
        {
            throw new KubernetesFailure(KubernetesFailureKind.NotFound, $"deployment {d} not found in namespace {target.Namespace} on cluster {target.Cluster}");
        }

        return Task.FromResult<IReadOnlyList<PodDetails>>(Pods.ToList());
    }

    public Task<PodDetails> GetPodAsync(KubeTarget target, string pod, CancellationToken cancellationToken)
    {
        Record($"pod {target.Cluster}/{target.Namespace}/{pod}");
        return Task.FromResult(Pods.FirstOrDefault(p => p.Name == pod)
            ?? throw new KubernetesFailure(KubernetesFailureKind.NotFound, $"pod {pod} not found in namespace {target.Namespace} on cluster {target.Cluster}"));
    }

    /// <summary>ReplicaSet → its controller Deployment (null: a ReplicaSet nobody owns); pods' owners are <see cref="OwnedPods"/>.</summary>
    public Dictionary<string, string?> ReplicaSetOwners { get; } = new(StringComparer.Ordinal) { ["web-3"] = "web" };

    public Task<string?> FindOwningDeploymentAsync(KubeTarget target, string pod, CancellationToken cancellationToken)
    {
        Record($"owner {target.Cluster}/{target.Namespace}/{pod}");
        if (!OwnedPods.TryGetValue(pod, out var owner))
        {
            throw new KubernetesFailure(KubernetesFailureKind.NotFound, $"pod {pod} not found in namespace {target.Namespace} on cluster {target.Cluster}");
        }

        return Task.FromResult(owner is { Kind: "ReplicaSet" } ? ReplicaSetOwners.GetValueOrDefault(owner.Name) : null);
    }

    public Task<IReadOnlyList<EventView>> ListEventsAsync(KubeTarget target, IReadOnlyList<ObjectRef> about, CancellationToken cancellationToken)
    {
        Record($"events {target.Cluster}/{target.Namespace} {string.Join(",", about.Select(a => $"{a.Kind}/{a.Name}"))}");
        return Task.FromResult<IReadOnlyList<EventView>>(Events.Where(e => about.Count == 0 || about.Contains(e.Object)).ToList());
    }
}
