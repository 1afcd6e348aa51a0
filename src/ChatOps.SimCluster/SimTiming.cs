namespace ChatOps.SimCluster;

/// <summary>
/// How long the simulated kubelet and controllers take, in the server's (possibly fake or sped-up) time.
/// A pod is scheduled after <see cref="Scheduling"/>, its containers run <see cref="ContainerStart"/> later and
/// it is ready <see cref="Readiness"/> after that; a bad image shows ErrImagePull, then ImagePullBackOff once
/// <see cref="PullBackOff"/> has passed since scheduling. Controllers resync every <see cref="Resync"/>
/// (zero: only when an object is written) and the HPA every <see cref="HpaSync"/> (null: no HPA controller).
/// </summary>
public sealed record SimTiming(
    TimeSpan Scheduling,
    TimeSpan ContainerStart,
    TimeSpan Readiness,
    TimeSpan PullBackOff,
    TimeSpan Resync,
    TimeSpan? HpaSync)
{
    /// <summary>
    /// Every write completes before its answer is sent, and the HPA never overrides a test's replicas: what the
    /// adapter and kubectl tests expect.
    /// </summary>
    public static SimTiming Immediate { get; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, null);

    /// <summary>Small but visible delays: a rollout of three replicas takes a few seconds, as on a quiet cluster.</summary>
    public static SimTiming Realistic { get; } = new(
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));

    /// <summary>Which images cannot be pulled: the rule tests and the sandbox use to break a rollout.</summary>
    public Func<string, bool> IsBadImage { get; init; } = image =>
        image.Contains("broken", StringComparison.Ordinal) || image.Contains("does-not-exist", StringComparison.Ordinal);
}
