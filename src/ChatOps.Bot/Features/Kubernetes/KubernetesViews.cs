namespace ChatOps.Bot.Features.Kubernetes;

// Our own views of Kubernetes objects: handlers never see KubernetesClient types.

public sealed record ConditionView(string Type, string Status, string? Reason, string? Message);

public sealed record DeploymentView(
    string Name,
    string Namespace,
    int Desired,
    int Replicas,
    int Updated,
    int Ready,
    int Available,
    bool Paused,
    long Generation,
    long ObservedGeneration,
    long Revision,
    IReadOnlyList<string> Images,
    IReadOnlyList<ConditionView> Conditions);

/// <summary>One ReplicaSet owned by a deployment: one revision of its pod template.</summary>
public sealed record ReplicaSetView(
    string Name,
    long Revision,
    int Replicas,
    int Ready,
    IReadOnlyList<string> Images,
    string? ChangeCause,
    DateTimeOffset? Created,
    bool MatchesDeploymentTemplate);

public sealed record PodView(string Name, string Phase, int ReadyContainers, int Containers, int Restarts, DateTimeOffset? Created, string? Waiting);

public sealed record HpaView(string Name, string TargetDeployment, int Min, int Max, int Current, int Desired, string Targets);

/// <summary>An HPA with its conditions (AbleToScale, ScalingActive, ScalingLimited), as <c>kubectl describe hpa</c> shows them.</summary>
public sealed record HpaDetails(HpaView Hpa, IReadOnlyList<ConditionView> Conditions);

public sealed record DeploymentStatus(DeploymentView Deployment, IReadOnlyList<ReplicaSetView> ReplicaSets, IReadOnlyList<PodView> Pods, HpaView? Hpa);

public sealed record ScaleChange(int Before, int After, HpaView? Hpa, bool DryRun);

public sealed record HpaChange(HpaView Before, HpaView After, bool DryRun);

public sealed record ImageChange(string Container, string Before, string After, bool DryRun);

public sealed record UndoResult(long FromRevision, long ToRevision, IReadOnlyList<string> FromImages, IReadOnlyList<string> ToImages, bool DryRun)
{
    /// <summary>The deployment already runs the chosen revision's template: kubectl's "skipped rollback", nothing written.</summary>
    public bool Skipped { get; init; }
}

public sealed record RestartResult(string RestartedAt, long Revision, bool DryRun);
