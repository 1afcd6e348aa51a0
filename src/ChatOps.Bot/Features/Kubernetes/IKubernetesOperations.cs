namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>Which cluster (a configured name) and namespace a Kubernetes request acts on.</summary>
public sealed record KubeTarget(string Cluster, string Namespace)
{
    public override string ToString() => $"{Namespace} on cluster {Cluster}";
}

/// <summary>
/// The port the Kubernetes handlers use. Implementations throw <see cref="KubernetesFailure"/> with a one-line,
/// user-facing message for every expected failure (not found, forbidden, conflict after retries, unreachable,
/// timeout, refused by the server's validation); nothing is changed when one is thrown.
/// </summary>
public interface IKubernetesOperations
{
    /// <summary>The deployment, its ReplicaSets and pods, and the HPA that targets it.</summary>
    Task<DeploymentStatus> GetStatusAsync(KubeTarget target, string deployment, CancellationToken cancellationToken);

    /// <summary>
    /// The deployment as read now, then again after each change the API server reports (a watch on it from that read's
    /// resourceVersion), until <paramref name="cancellationToken"/> ends it. Throws
    /// <see cref="KubernetesFailureKind.WatchUnavailable"/> when a watch cannot be opened or kept open (the server does
    /// not serve watch, the role does not grant it, a proxy cuts streams), and the caller polls instead.
    /// </summary>
    IAsyncEnumerable<DeploymentView> WatchDeploymentAsync(KubeTarget target, string deployment, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes one pod of a deployment (see <see cref="PodOwners"/>), conditional on the uid it read, so a pod recreated
    /// under the same name in between is not deleted. A dry run resolves and checks everything and deletes nothing.
    /// </summary>
    Task<PodDeletion> DeletePodAsync(KubeTarget target, string pod, bool dryRun, CancellationToken cancellationToken);

    /// <summary>A pod of the deleted pod's ReplicaSet that was not among its pods when it was deleted, if there is one yet.</summary>
    Task<string?> FindReplacementAsync(KubeTarget target, PodDeletion deleted, CancellationToken cancellationToken);

    /// <summary>Sets replicas through the <c>deployments/scale</c> subresource.</summary>
    Task<ScaleChange> ScaleAsync(KubeTarget target, string deployment, int replicas, bool dryRun, CancellationToken cancellationToken);

    /// <summary>One HPA by name: bounds, replicas, metrics and conditions.</summary>
    Task<HpaDetails> GetHpaAsync(KubeTarget target, string hpa, CancellationToken cancellationToken);

    /// <summary>Every HPA in the namespace, by name.</summary>
    Task<IReadOnlyList<HpaView>> ListHpasAsync(KubeTarget target, CancellationToken cancellationToken);

    Task<HpaChange> SetHpaBoundsAsync(KubeTarget target, string hpa, int? min, int? max, bool dryRun, CancellationToken cancellationToken);

    /// <summary>
    /// kubectl's <c>set image</c>: one container's image in the pod template, with <paramref name="changeCause"/> as the
    /// deployment's <c>kubernetes.io/change-cause</c>; a container the template does not have is refused.
    /// </summary>
    Task<ImageChange> SetImageAsync(KubeTarget target, string deployment, string container, string image, string changeCause, bool dryRun, CancellationToken cancellationToken);

    /// <summary>kubectl's rollback: the owned ReplicaSet of the previous revision (or of <paramref name="toRevision"/>).</summary>
    Task<UndoResult> UndoAsync(KubeTarget target, string deployment, long? toRevision, bool dryRun, CancellationToken cancellationToken);

    /// <summary>Sets the pod template annotation <c>kubectl.kubernetes.io/restartedAt</c> to <paramref name="at"/>.</summary>
    Task<RestartResult> RestartAsync(KubeTarget target, string deployment, DateTimeOffset at, bool dryRun, CancellationToken cancellationToken);

    // Investigation (issue 14): reads only, through list calls so the role needs no more than list pods / events.

    /// <summary>The pods of a deployment (its selector) or of a label selector; an unknown deployment is NotFound.</summary>
    Task<IReadOnlyList<PodDetails>> ListPodsAsync(KubeTarget target, PodSelection selection, CancellationToken cancellationToken);

    /// <summary>One pod with its containers' states, resources and images.</summary>
    Task<PodDetails> GetPodAsync(KubeTarget target, string pod, CancellationToken cancellationToken);

    /// <summary>
    /// core/v1 events of the namespace about <paramref name="about"/> (all of the namespace when empty); one object
    /// is asked for with an <c>involvedObject</c> field selector, as <c>kubectl describe</c> does.
    /// </summary>
    Task<IReadOnlyList<EventView>> ListEventsAsync(KubeTarget target, IReadOnlyList<ObjectRef> about, CancellationToken cancellationToken);

    /// <summary>
    /// The deployment a pod belongs to: the pod's controller ReplicaSet, then that ReplicaSet's controller Deployment
    /// (ownerReferences with controller=true, as kubectl and the controllers follow them). Null when the pod has no
    /// such chain (a bare pod, a Job's pod, a hand-made ReplicaSet); an unknown pod is NotFound.
    /// </summary>
    Task<string?> FindOwningDeploymentAsync(KubeTarget target, string pod, CancellationToken cancellationToken);

    /// <summary>
    /// One container's log (<c>pods/log</c>), bounded by <see cref="LogRead.TailLines"/> and <see cref="LogRead.LimitBytes"/>
    /// on the call and while reading the stream; a container that is not running yet or has no previous run is Invalid.
    /// </summary>
    Task<PodLog> ReadLogAsync(KubeTarget target, LogRead read, CancellationToken cancellationToken);

    /// <summary>
    /// A running container's log as it is written (<c>pods/log</c> with <c>follow=true</c>): the last
    /// <see cref="LogRead.TailLines"/> lines, then each new line, until the container stops, the stream has carried
    /// <see cref="LogRead.LimitBytes"/> bytes, or the token is cancelled. Lines are raw: only the handler may show them, redacted.
    /// </summary>
    IAsyncEnumerable<string> FollowLogAsync(KubeTarget target, LogRead read, CancellationToken cancellationToken);

    // health (issue 14): list services, get services/proxy — nothing else.

    /// <summary>The namespace's Services, or only the one named (a field-selected list; an unknown name gives none).</summary>
    Task<IReadOnlyList<ServiceView>> ListServicesAsync(KubeTarget target, string? name, CancellationToken cancellationToken);

    /// <summary>The labels of a deployment's pod template, which a Service's selector is matched against.</summary>
    Task<IReadOnlyDictionary<string, string>> GetPodTemplateLabelsAsync(KubeTarget target, string deployment, CancellationToken cancellationToken);

    /// <summary>
    /// GET <c>/api/v1/namespaces/{ns}/services/{service}:{port}/proxy{path}</c>, reading at most
    /// <paramref name="maxBytes"/> of the body. Any HTTP status is an answer (a 503 is a health verdict); only an
    /// unreachable API server, a timeout or a refused call (401/403) throw.
    /// </summary>
    Task<ProxyAnswer> ProxyGetAsync(KubeTarget target, string service, string port, string path, int maxBytes, CancellationToken cancellationToken);
}
