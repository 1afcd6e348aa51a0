namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>The arguments the Kubernetes commands share, defined once so every command reads and explains them alike.</summary>
public static class KubernetesArgs
{
    public const string ClusterFlag = "cluster";
    public const string NamespaceFlag = "namespace";

    private static readonly string[] DeploymentKinds = ["deployment", "deployments", "deploy"];

    private static readonly string[] HpaKinds = ["hpa", "horizontalpodautoscaler", "horizontalpodautoscalers"];

    // The parser completes both from the configuration (KubernetesDefaults); empty only when nothing is configured.
    public static string Cluster(CommandArgs a) => a.Text(ClusterFlag) ?? string.Empty;

    public static string Namespace(CommandArgs a) => a.Text(NamespaceFlag) ?? "default";

    public static ArgSpec Deployment() =>
        ArgSpec.Positional("deployment", ArgKind.Resource, "the deployment (also deployment/x or deploy x)") with { ResourceKinds = DeploymentKinds };

    public static ArgSpec Hpa() => ArgSpec.Positional("name", ArgKind.Resource, "the HPA") with { ResourceKinds = HpaKinds };

    /// <summary>A read's flags: its own, then where to look.</summary>
    public static ArgSpec[] ReadFlags(params ArgSpec[] own) => [.. own, NamespaceFlagSpec(), ClusterFlagSpec()];

    /// <summary>A change's flags: its own, then where to act and whether to only try.</summary>
    public static ArgSpec[] ChangeFlags(params ArgSpec[] own) => [.. own, NamespaceFlagSpec(), ClusterFlagSpec(), DryRun()];

    /// <summary>A change to a cluster: an operator's, and one that may be held for a second person's approval.</summary>
    public static CommandSpec Change(CommandSpec spec) => spec with { Role = Role.Operator, Mutating = true, MayNeedApproval = true };

    private static ArgSpec NamespaceFlagSpec() =>
        ArgSpec.Flag(NamespaceFlag, ArgKind.Name, "the namespace (default: the cluster's DefaultNamespace)", "ns", 'n');

    private static ArgSpec ClusterFlagSpec() => ArgSpec.Flag(ClusterFlag, ArgKind.Name, "the cluster (default: the default cluster)", "c");

    private static ArgSpec DryRun() => ArgSpec.Flag("dry-run", ArgKind.Switch, "server-side dry run: validate, change nothing");
}
