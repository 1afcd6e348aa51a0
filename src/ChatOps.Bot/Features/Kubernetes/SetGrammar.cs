namespace ChatOps.Bot.Features.Kubernetes;

/// <summary><c>set image &lt;deployment&gt; &lt;container&gt;=&lt;image&gt;</c>, as kubectl spells it in the runbooks.</summary>
public static class SetGrammar
{
    public static CommandSpec Image() => KubernetesArgs.Change(new CommandSpec(["set", "image"],
        "Set a container's image in a deployment (a new revision, rolled out); records the change-cause; shows old → new.",
        a =>
        {
            var assignment = a.RequiredText("assignment");
            var eq = assignment.IndexOf('=', StringComparison.Ordinal);
            return eq <= 0 || eq == assignment.Length - 1
                ? new UnparsedCommand(a.Context, a.Command, $"give the change as <container>=<image>, not '{assignment}'\nusage: set image <deployment> <container>=<image> [-n ns]")
                : new SetImageCommand(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("deployment"),
                    assignment[..eq], assignment[(eq + 1)..], a.Switch("dry-run"))
                {
                    Approval = a.Approval,
                };
        })
    {
        Positionals = [KubernetesArgs.Deployment(), ArgSpec.Positional("assignment", ArgKind.Text, "the container and its new image") with { ValueName = "container=image" }],
        Flags = KubernetesArgs.ChangeFlags(),
        RoleNote = "operator; on a production cluster also a second person's approval",
        Examples = ["set image deployment/urbanos-service-billing service-billing=registry.urbanos.com/urbanos/service-billing:3.1.8 -n urbanos"],
    });
}
