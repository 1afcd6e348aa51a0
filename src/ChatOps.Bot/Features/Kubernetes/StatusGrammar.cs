namespace ChatOps.Bot.Features.Kubernetes;

/// <summary><c>status</c>: one deployment at a glance.</summary>
public static class StatusGrammar
{
    public static CommandSpec Status() => new(["status"], "Show a deployment: replicas, conditions, revision and images, its pods and its HPA.",
        a => new StatusQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("deployment")))
    {
        Positionals = [KubernetesArgs.Deployment()],
        Flags = KubernetesArgs.ReadFlags(),
        Role = Role.Viewer,
        Examples = ["status urbanos-service-billing -n urbanos", "status deployment/urbanos-service-billing --cluster prod-eks -n urbanos"],
    };
}
