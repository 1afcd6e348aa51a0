namespace ChatOps.Bot.Features.Kubernetes;

/// <summary><c>hpa</c>, and kubectl's <c>patch hpa -p '{json}'</c> spelling of it: both build an <see cref="HpaCommand"/>.</summary>
public static class HpaGrammar
{
    public static CommandSpec Hpa() => KubernetesArgs.Change(new CommandSpec(["hpa"],
        "Show a HorizontalPodAutoscaler (replicas, metrics, conditions), or change its bounds with --min / --max (min ≥ 1, min ≤ max).",
        a => a.Int32("min") is null && a.Int32("max") is null && !a.Switch("dry-run")
            ? new HpaQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("name"))
            : Command(a, a.Int32("min"), a.Int32("max")))
    {
        RoleNote = "viewer to show it; operator to change its bounds",
        Positionals = [KubernetesArgs.Hpa()],
        Flags = KubernetesArgs.ChangeFlags(
            ArgSpec.Flag("min", ArgKind.Integer, "the lowest replica count", "n") with { Min = 0, Max = 10_000 },
            ArgSpec.Flag("max", ArgKind.Integer, "the highest replica count", "n") with { Min = 0, Max = 10_000 }),
        Examples = ["hpa urbanos-service-billing -n urbanos", "hpa urbanos-service-billing --min 5 --max 15 -n urbanos"],
    });

    public static CommandSpec List() => new(["hpa", "list"], "List the HorizontalPodAutoscalers of a namespace, as `kubectl get hpa` does.",
        a => new HpaListQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a)))
    {
        Flags = KubernetesArgs.ReadFlags(),
        Role = Role.Viewer,
        Examples = ["hpa list -n urbanos"],
    };

    public static CommandSpec PatchHpa() => KubernetesArgs.Change(new CommandSpec(["patch", "hpa"],
        "kubectl's form of `hpa`: set an HPA's minReplicas / maxReplicas with a JSON merge patch.",
        a => HpaPatch.TryRead(a.Text("patch"), out var min, out var max, out var error)
            ? Command(a, min, max)
            : new UnparsedCommand(a.Context, a.Command, $"{error}\nusage: patch hpa <name> -p '{{\"spec\":{{\"minReplicas\":5,\"maxReplicas\":20}}}}' [-n ns]"))
    {
        Positionals = [KubernetesArgs.Hpa()],
        Flags = KubernetesArgs.ChangeFlags(
            ArgSpec.Flag("patch", ArgKind.Text, "merge patch: {\"spec\":{\"minReplicas\":n,\"maxReplicas\":n}}", "json", 'p')),
        AliasOf = "hpa",
        Examples = ["patch hpa citadelbuy-api -n citadelbuy -p '{\"spec\":{\"minReplicas\":5,\"maxReplicas\":20}}'"],
    });

    private static HpaCommand Command(CommandArgs a, int? min, int? max) =>
        new(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("name"), min, max, a.Switch("dry-run"))
        {
            Approval = a.Approval,
        };
}
