namespace ChatOps.Bot.Features.Kubernetes;

/// <summary><c>pods</c>, <c>describe</c> and <c>events</c>: why something is wrong, read-only (issue 14).</summary>
public static class InvestigateGrammar
{
    public static CommandSpec Pods() => new(["pods"], "List a deployment's pods (or a label selector's) as `kubectl get pods -o wide` does, unhealthy first, with why.",
        a => new PodsQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), PodTargets.Parse(a.RequiredText("target"))))
    {
        Positionals = [ArgSpec.Positional("target", ArgKind.Text, "a deployment (also deployment/x), or a label selector such as app=billing") with { ValueName = "deployment|selector" }],
        Flags = KubernetesArgs.ReadFlags(),
        Role = Role.Viewer,
        Examples = ["pods urbanos-service-billing -n urbanos", "pods app=urbanos-service-billing,tier=web --cluster prod-eks -n urbanos"],
    };

    public static CommandSpec DescribePod() => new(["describe", "pod"], "Describe a pod as `kubectl describe pod` does: conditions, each container's state and last state, resources, images, node, events.",
        a => new DescribePodQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("pod")))
    {
        Positionals = [ArgSpec.Positional("pod", ArgKind.Name, "the pod")],
        Flags = KubernetesArgs.ReadFlags(),
        Role = Role.Viewer,
        Examples = ["describe pod urbanos-service-billing-7d4b9c8f6d-x2k4q -n urbanos"],
    };

    public static CommandSpec Describe() => new(["describe"], "Describe a deployment's worst pod (unhealthy first, then the most restarted), naming the others.",
        a => new DescribeDeploymentQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("deployment")))
    {
        Positionals = [KubernetesArgs.Deployment()],
        Flags = KubernetesArgs.ReadFlags(),
        Role = Role.Viewer,
        Examples = ["describe urbanos-service-billing -n urbanos"],
    };

    public static CommandSpec Events() => new(["events"], "Show the events of a deployment (with its ReplicaSets and pods), a pod or a namespace: warnings first, repeats folded, newest first.",
        a => new EventsQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), EventSubject.Parse(a.RequiredText("target")),
            a.Duration("since"), a.Switch("warnings")))
    {
        Positionals = [ArgSpec.Positional("target", ArgKind.Text, "a deployment (also deployment/x), pod/<name>, or namespace for all of -n") with { ValueName = "deployment|pod/name|namespace" }],
        Flags = KubernetesArgs.ReadFlags(
            ArgSpec.Flag("since", ArgKind.Duration, "only events last seen within this long (e.g. 1h)", "duration"),
            ArgSpec.Flag("warnings", ArgKind.Switch, "only Warning events")),
        Role = Role.Viewer,
        Examples = ["events urbanos-service-billing -n urbanos --since 1h", "events pod/urbanos-service-billing-7d4b9c8f6d-x2k4q --warnings -n urbanos", "events namespace -n urbanos"],
    };

    public static CommandSpec Logs() => new(["logs"], "Show a container's recent log, secrets masked: a pod's, or a deployment's most recently restarted (else newest) pod's.",
        a => new LogsQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), LogSubject.Parse(a.RequiredText("target")),
            a.Text("container"), a.Switch("previous"), a.Duration("since"), a.Int32("tail"), a.Text("grep"), a.Switch("all-pods"), a.Switch("follow")))
    {
        Positionals = [ArgSpec.Positional("target", ArgKind.Text, "a deployment or a pod (also deployment/x, pod/x)") with { ValueName = "deployment|pod" }],
        Flags = KubernetesArgs.ReadFlags(
            ArgSpec.Flag("container", ArgKind.Name, "the container (default: the pod's default-container annotation, else its first)", "name", 'c'),
            ArgSpec.Flag("previous", ArgKind.Switch, "the log of the container's previous run (why it restarted)"),
            ArgSpec.Flag("since", ArgKind.Duration, "only lines written within this long (e.g. 10m)", "duration"),
            ArgSpec.Flag("tail", ArgKind.Integer, "the last this many lines (default: the cluster's LogLines, 100)", "lines") with { Min = 1, Max = 10_000 },
            ArgSpec.Flag("grep", ArgKind.Text, "only lines containing this text (case-insensitive)", "text"),
            ArgSpec.Flag("all-pods", ArgKind.Switch, "every pod of the deployment, each line prefixed with its pod"),
            ArgSpec.Flag("follow", ArgKind.Switch, "keep showing new lines as they are written, for the cluster's LogFollow (default 2m)", null, 'f')),
        Role = Role.Viewer,
        Examples = ["logs urbanos-service-billing -n urbanos", "logs urbanos-service-billing --previous --tail 50 -n urbanos", "logs pod/urbanos-service-billing-7d4b9c8f6d-x2k4q -c istio-proxy --since 10m --grep error -n urbanos", "logs urbanos-service-billing -f -n urbanos"],
    };

    public static CommandSpec LogsStop() => new(["logs", "stop"], "Stop a running `logs --follow` early (its Stop button): the requester's, or anyone's for an operator.",
        a => new StopFollowCommand(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), a.RequiredText("id")))
    {
        Positionals = [ArgSpec.Positional("id", ArgKind.Name, "the follow's id, from its Stop button")],
        Flags = KubernetesArgs.ReadFlags(),
        Role = Role.Viewer,
        Examples = ["logs stop 3f9a0c1d2e4b -n urbanos --cluster prod-eks"],
    };
}
