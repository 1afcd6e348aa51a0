namespace ChatOps.Bot.Features.Kubernetes;

/// <summary><c>health</c>: a service's health endpoint, read through the API server's service proxy.</summary>
public static class HealthGrammar
{
    public static CommandSpec Health() => new(["health"], "Call a service's health endpoint through the API server's service proxy: the verdict, each component, HTTP status and latency.",
        a => new HealthQuery(a.Context, a.Command, KubernetesArgs.Cluster(a), KubernetesArgs.Namespace(a), HealthSubject.Parse(a.RequiredText("target")),
            a.Text("path"), a.Text("port")))
    {
        Positionals = [ArgSpec.Positional("target", ArgKind.Text, "a service (also svc/x) or a deployment (deployment/x: the service selecting its pods)") with { ValueName = "service|deployment" }],
        Flags = KubernetesArgs.ReadFlags(
            ArgSpec.Flag("path", ArgKind.Text, "the endpoint's path (default: the service's HealthChecks setting, else /actuator/health)", "path"),
            ArgSpec.Flag("port", ArgKind.Text, "the service port, by name or number (default: the one named http, else the first)", "port")),
        Role = Role.Viewer,
        Examples = ["health urbanos-service-billing -n urbanos", "health deployment/urbanos-service-billing -n urbanos --path /actuator/health", "health svc/monoql --path /heartbeat --port 8080"],
    };
}
