using ChatOps.Bot.Core;
using ChatOps.Bot.Parsing;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// status, scale, hpa and rollout status/history/undo/restart. kubectl's forms from the runbooks parse as they are:
/// <c>scale deployment x --replicas=5 -n ns</c>, <c>rollout undo deployment/x --to-revision=3 -n ns</c>.
/// </summary>
public sealed class KubernetesCommands : ICommandModule
{
    public const string ClusterFlag = "cluster";
    public const string NamespaceFlag = "namespace";

    private static readonly HashSet<string> Commands = ["status", "scale", "hpa", "patch hpa", "rollout status", "rollout history", "rollout undo", "rollout restart"];

    private static readonly string[] DeploymentKinds = ["deployment", "deployments", "deploy"];

    public static bool Owns(CommandSpec spec) => Commands.Contains(spec.Name);

    public void Register(CommandRegistry registry)
    {
        registry.Add(new CommandSpec(["status"], "Show a deployment: replicas, conditions, revision and images, its pods and its HPA.",
            a => new StatusQuery(a.Context, a.Command, Cluster(a), Namespace(a), a.RequiredText("deployment")))
        {
            Positionals = [Deployment()],
            Flags = [NamespaceArg(), ClusterArg()],
            Role = Role.Viewer,
            Examples = ["status urbanos-service-billing -n urbanos", "status deployment/urbanos-service-billing --cluster prod-eks -n urbanos"],
        });

        registry.Add(new CommandSpec(["scale"], "Set a deployment's replicas (through the scale subresource); shows before → after and any HPA.",
            a => new ScaleCommand(a.Context, a.Command, Cluster(a), Namespace(a), a.RequiredText("deployment"), a.Int32("replicas"), a.Switch("dry-run"))
            {
                By = a.Int32("by"),
                Approval = a.Approval,
            })
        {
            Positionals =
            [
                Deployment(),
                ArgSpec.Positional("count", ArgKind.Integer, "the replica count (or --replicas)", required: false) with { Key = "replicas", ValueName = "replicas", Min = 0, Max = 10_000 },
            ],
            Flags =
            [
                ArgSpec.Flag("replicas", ArgKind.Integer, "the replica count, kubectl style", "n") with { Min = 0, Max = 10_000 },
                ArgSpec.Flag("by", ArgKind.Integer, "add this many replicas to the current desired count instead", "n") with { Min = 1, Max = 100 },
                NamespaceArg(),
                ClusterArg(),
                DryRun(),
            ],
            Role = Role.Operator,
            RoleNote = "operator; scaling to 0 on a production cluster also needs a second person's approval",
            Mutating = true,
            MayNeedApproval = true,
            Examples = ["scale urbanos-service-billing 5 -n urbanos", "scale deployment urbanos-service-billing --replicas=5 -n urbanos", "scale deploy/web 0 --cluster prod-eks --dry-run", "scale urbanos-service-billing --by 2 -n urbanos"],
        });

        registry.Add(new CommandSpec(["hpa"], "Change a HorizontalPodAutoscaler's bounds (min ≥ 1, min ≤ max); shows before → after.",
            a => new HpaCommand(a.Context, a.Command, Cluster(a), Namespace(a), a.RequiredText("name"), a.Int32("min"), a.Int32("max"), a.Switch("dry-run"))
            {
                Approval = a.Approval,
            })
        {
            Positionals = [ArgSpec.Positional("name", ArgKind.Resource, "the HPA") with { ResourceKinds = ["hpa", "horizontalpodautoscaler", "horizontalpodautoscalers"] }],
            Flags =
            [
                ArgSpec.Flag("min", ArgKind.Integer, "the lowest replica count", "n") with { Min = 0, Max = 10_000 },
                ArgSpec.Flag("max", ArgKind.Integer, "the highest replica count", "n") with { Min = 0, Max = 10_000 },
                NamespaceArg(),
                ClusterArg(),
                DryRun(),
            ],
            Role = Role.Operator,
            Mutating = true,
            MayNeedApproval = true,
            Examples = ["hpa urbanos-service-billing --min 5 --max 15 -n urbanos"],
        });

        registry.Add(new CommandSpec(["patch", "hpa"], "kubectl's form of `hpa`: set an HPA's minReplicas / maxReplicas with a JSON merge patch.",
            a => HpaPatch.TryRead(a.Text("patch"), out var min, out var max, out var error)
                ? new HpaCommand(a.Context, a.Command, Cluster(a), Namespace(a), a.RequiredText("name"), min, max, a.Switch("dry-run"))
                {
                    Approval = a.Approval,
                }
                : new UnparsedCommand(a.Context, a.Command, $"{error}\nusage: patch hpa <name> -p '{{\"spec\":{{\"minReplicas\":5,\"maxReplicas\":20}}}}' [-n ns]"))
        {
            Positionals = [ArgSpec.Positional("name", ArgKind.Resource, "the HPA") with { ResourceKinds = ["hpa", "horizontalpodautoscaler", "horizontalpodautoscalers"] }],
            Flags =
            [
                ArgSpec.Flag("patch", ArgKind.Text, "merge patch: {\"spec\":{\"minReplicas\":n,\"maxReplicas\":n}}", "json", 'p'),
                NamespaceArg(),
                ClusterArg(),
                DryRun(),
            ],
            Role = Role.Operator,
            Mutating = true,
            MayNeedApproval = true,
            AliasOf = "hpa",
            Examples = ["patch hpa citadelbuy-api -n citadelbuy -p '{\"spec\":{\"minReplicas\":5,\"maxReplicas\":20}}'"],
        });

        registry.Add(new CommandSpec(["rollout", "status"], "Check a rollout once, or follow it with --wait until complete, failed or timed out.",
            a => new RolloutStatusQuery(a.Context, a.Command, Cluster(a), Namespace(a), a.RequiredText("deployment"), a.Duration("wait")))
        {
            Positionals = [Deployment()],
            Flags = [ArgSpec.Flag("wait", ArgKind.Duration, "follow the rollout this long (at most 15m)", "dur"), NamespaceArg(), ClusterArg()],
            Role = Role.Viewer,
            Examples = ["rollout status deployment/urbanos-service-billing -n urbanos --wait 2m"],
        });

        registry.Add(new CommandSpec(["rollout", "history"], "List a deployment's revisions: change-cause, images, time; the current one marked.",
            a => new RolloutHistoryQuery(a.Context, a.Command, Cluster(a), Namespace(a), a.RequiredText("deployment")))
        {
            Positionals = [Deployment()],
            Flags = [NamespaceArg(), ClusterArg()],
            Role = Role.Viewer,
            Examples = ["rollout history deployment/urbanos-service-billing -n urbanos"],
        });

        registry.Add(new CommandSpec(["rollout", "undo"], "Roll a deployment back to the previous revision (or --to-revision n), exactly as kubectl does.",
            a => new RolloutUndoCommand(a.Context, a.Command, Cluster(a), Namespace(a), a.RequiredText("deployment"), a.Integer("to-revision"), a.Switch("dry-run"))
            {
                Approval = a.Approval,
            })
        {
            Positionals = [Deployment()],
            Flags =
            [
                ArgSpec.Flag("to-revision", ArgKind.Integer, "the revision to restore (see rollout history)", "n") with { Min = 1, Max = long.MaxValue },
                NamespaceArg(),
                ClusterArg(),
                DryRun(),
            ],
            Role = Role.Operator,
            Mutating = true,
            MayNeedApproval = true,
            Examples = ["rollout undo deployment/urbanos-service-billing -n urbanos", "rollout undo deployment/urbanos-service-billing --to-revision=3 -n urbanos"],
        });

        registry.Add(new CommandSpec(["rollout", "restart"], "Restart a deployment's pods with a rolling update (the restartedAt annotation kubectl sets).",
            a => new RolloutRestartCommand(a.Context, a.Command, Cluster(a), Namespace(a), a.RequiredText("deployment"), a.Switch("dry-run"))
            {
                Approval = a.Approval,
            })
        {
            Positionals = [Deployment()],
            Flags = [NamespaceArg(), ClusterArg(), DryRun()],
            Role = Role.Operator,
            Mutating = true,
            MayNeedApproval = true,
            Examples = ["rollout restart deployment/urbanos-service-billing -n urbanos"],
        });
    }

    // The parser completes both from the configuration (KubernetesDefaults); empty only when nothing is configured.
    private static string Cluster(CommandArgs a) => a.Text(ClusterFlag) ?? string.Empty;

    private static string Namespace(CommandArgs a) => a.Text(NamespaceFlag) ?? "default";

    private static ArgSpec Deployment() =>
        ArgSpec.Positional("deployment", ArgKind.Resource, "the deployment (also deployment/x or deploy x)") with { ResourceKinds = DeploymentKinds };

    private static ArgSpec NamespaceArg() => ArgSpec.Flag(NamespaceFlag, ArgKind.Name, "the namespace (default: the cluster's DefaultNamespace)", "ns", 'n');

    private static ArgSpec ClusterArg() => ArgSpec.Flag(ClusterFlag, ArgKind.Name, "the cluster (default: the default cluster)", "c");

    private static ArgSpec DryRun() => ArgSpec.Flag("dry-run", ArgKind.Switch, "server-side dry run: validate, change nothing");
}
