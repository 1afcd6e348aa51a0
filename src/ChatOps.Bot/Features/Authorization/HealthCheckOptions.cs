namespace ChatOps.Bot.Features.Authorization;

/// <summary>Where one service answers <c>health</c>: <c>ChatOps:Clusters:&lt;c&gt;:HealthChecks:&lt;service&gt;</c>.</summary>
public sealed class HealthCheckOptions
{
    /// <summary>Spring Boot's actuator path (seed 000's services); <c>/heartbeat</c> or <c>/healthz/detailed</c> are set here.</summary>
    public const string DefaultPath = "/actuator/health";

    [Description("the path of the service's health endpoint; empty: `/actuator/health` (a `--path` on the command wins)")]
    public string Path { get; set; } = string.Empty;

    [Description("the service port (number or name) to call; empty: the port named `http`, else the service's first port (a `--port` on the command wins)")]
    public string Port { get; set; } = string.Empty;
}
