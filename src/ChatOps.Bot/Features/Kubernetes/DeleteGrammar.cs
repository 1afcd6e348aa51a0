namespace ChatOps.Bot.Features.Kubernetes;

/// <summary><c>delete pod &lt;pod&gt;</c>, as kubectl spells it in the runbooks: restart one stuck pod of a deployment.</summary>
public static class DeleteGrammar
{
    public static CommandSpec Pod() => KubernetesArgs.Change(new CommandSpec(["delete", "pod"],
        "Delete one pod of a deployment so its ReplicaSet replaces it (restart one stuck pod); names the replacement.",
        a => new DeletePodCommand(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("pod"), a.Switch("dry-run"))
        {
            Approval = a.Approval,
        })
    {
        Positionals = [ArgSpec.Positional("pod", ArgKind.Name, "the pod (see status <deployment>)")],
        Flags = KubernetesArgs.ChangeFlags(),
        RoleNote = "operator; on a production cluster also a second person's approval; only pods of a deployment",
        Examples = ["delete pod urbanos-service-billing-7d9f8b6c5-x2x4q -n urbanos"],
    });
}
