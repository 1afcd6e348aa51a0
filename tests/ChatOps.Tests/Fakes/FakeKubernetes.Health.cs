using ChatOps.Bot.Features.Kubernetes;

namespace ChatOps.Tests.Fakes;

/// <summary>health (issue 14): canned services and what their endpoints answer through the proxy, kept apart from the rest of the fake.</summary>
public sealed partial class FakeKubernetes
{
    /// <summary>web's service (port http 8080, plus a metrics port) and one that selects nothing of web's.</summary>
    public List<ServiceView> Services { get; } =
    [
        new("web", new Dictionary<string, string> { ["app"] = "web" }, [new("metrics", 9090), new("http", 8080)]),
        new("other", new Dictionary<string, string> { ["app"] = "other" }, [new(string.Empty, 80)]),
    ];

    /// <summary>The labels of each deployment's pod template.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, string>> TemplateLabels { get; } = new(StringComparer.Ordinal)
    {
        ["web"] = new Dictionary<string, string> { ["app"] = "web", ["pod-template-hash"] = "abc" },
    };

    /// <summary>What the next proxied GET answers; its path is recorded in <see cref="Calls"/>.</summary>
    public ProxyAnswer Proxied { get; set; } = new(200, "application/json", """{"status":"UP"}""", false, TimeSpan.FromMilliseconds(12));

    public Task<IReadOnlyList<ServiceView>> ListServicesAsync(KubeTarget target, string? name, CancellationToken cancellationToken)
    {
        Record($"services {target.Cluster}/{target.Namespace} {name ?? "*"}");
        return Task.FromResult<IReadOnlyList<ServiceView>>(Services.Where(s => name is null || s.Name == name).ToList());
    }

    public Task<IReadOnlyDictionary<string, string>> GetPodTemplateLabelsAsync(KubeTarget target, string deployment, CancellationToken cancellationToken)
    {
        Record($"template {target.Cluster}/{target.Namespace}/{deployment}");
        return Task.FromResult(TemplateLabels.TryGetValue(deployment, out var labels)
            ? labels
            : throw new KubernetesFailure(KubernetesFailureKind.NotFound, $"deployment {deployment} not found in namespace {target.Namespace} on cluster {target.Cluster}"));
    }

    public Task<ProxyAnswer> ProxyGetAsync(KubeTarget target, string service, string port, string path, int maxBytes, CancellationToken cancellationToken)
    {
        Record($"proxy {target.Cluster}/{target.Namespace} {service}:{port}{path} max {maxBytes}");
        return Task.FromResult(Proxied);
    }
}
