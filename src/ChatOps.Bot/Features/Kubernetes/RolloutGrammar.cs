namespace ChatOps.Bot.Features.Kubernetes;

/// <summary><c>rollout status|history|undo|restart</c>, as kubectl spells them.</summary>
public static class RolloutGrammar
{
    public static CommandSpec Status() => new(["rollout", "status"], "Check a rollout once, or follow it with --wait until complete, failed or timed out.",
        a => new RolloutStatusQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("deployment"), a.Duration("wait")))
    {
        Positionals = [KubernetesArgs.Deployment()],
        Flags = KubernetesArgs.ReadFlags(ArgSpec.Flag("wait", ArgKind.Duration, "follow the rollout this long (at most 15m)", "dur")),
        Role = Role.Viewer,
        Examples = ["rollout status deployment/urbanos-service-billing -n urbanos --wait 2m"],
    };

    public static CommandSpec History() => new(["rollout", "history"], "List a deployment's revisions: change-cause, images, time; the current one marked.",
        a => new RolloutHistoryQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("deployment")))
    {
        Positionals = [KubernetesArgs.Deployment()],
        Flags = KubernetesArgs.ReadFlags(),
        Role = Role.Viewer,
        Examples = ["rollout history deployment/urbanos-service-billing -n urbanos"],
    };

    public static CommandSpec Undo() => KubernetesArgs.Change(new CommandSpec(["rollout", "undo"],
        "Roll a deployment back to the previous revision (or --to-revision n), exactly as kubectl does.",
        a => new RolloutUndoCommand(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("deployment"),
            a.Integer("to-revision"), a.Switch("dry-run"))
        {
            Approval = a.Approval,
        })
    {
        Positionals = [KubernetesArgs.Deployment()],
        Flags = KubernetesArgs.ChangeFlags(
            ArgSpec.Flag("to-revision", ArgKind.Integer, "the revision to restore (see rollout history)", "n") with { Min = 1, Max = long.MaxValue }),
        Examples = ["rollout undo deployment/urbanos-service-billing -n urbanos", "rollout undo deployment/urbanos-service-billing --to-revision=3 -n urbanos"],
    });

    public static CommandSpec Restart() => KubernetesArgs.Change(new CommandSpec(["rollout", "restart"],
        "Restart a deployment's pods with a rolling update (the restartedAt annotation kubectl sets).",
        a => new RolloutRestartCommand(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("deployment"), a.Switch("dry-run"))
        {
            Approval = a.Approval,
        })
    {
        Positionals = [KubernetesArgs.Deployment()],
        Flags = KubernetesArgs.ChangeFlags(),
        Examples = ["rollout restart deployment/urbanos-service-billing -n urbanos"],
    });
}
