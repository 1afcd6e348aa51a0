namespace ChatOps.Bot.Features.Kubernetes;

/// <summary><c>scale</c>: kubectl's <c>scale deployment x --replicas=5</c>, the shorter <c>scale x 5</c>, or <c>--by n</c>.</summary>
public static class ScaleGrammar
{
    public static CommandSpec Scale() => KubernetesArgs.Change(new CommandSpec(["scale"],
        "Set a deployment's replicas (through the scale subresource); shows before → after and any HPA.",
        a => new ScaleCommand(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("deployment"),
            a.Int32("replicas"), a.Switch("dry-run"))
        {
            By = a.Int32("by"),
            Approval = a.Approval,
        })
    {
        Positionals =
        [
            KubernetesArgs.Deployment(),
            ArgSpec.Positional("count", ArgKind.Integer, "the replica count (or --replicas)", required: false) with { Key = "replicas", ValueName = "replicas", Min = 0, Max = 10_000 },
        ],
        Flags = KubernetesArgs.ChangeFlags(
            ArgSpec.Flag("replicas", ArgKind.Integer, "the replica count, kubectl style", "n") with { Min = 0, Max = 10_000 },
            ArgSpec.Flag("by", ArgKind.Integer, "add this many replicas to the current desired count instead", "n") with { Min = 1, Max = 100 }),
        RoleNote = "operator; scaling to 0 on a production cluster also needs a second person's approval",
        Examples = ["scale urbanos-service-billing 5 -n urbanos", "scale deployment urbanos-service-billing --replicas=5 -n urbanos", "scale deploy/web 0 --cluster prod-eks --dry-run", "scale urbanos-service-billing --by 2 -n urbanos"],
    });
}
