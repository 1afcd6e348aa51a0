namespace ChatOps.Bot.Features.Kubernetes;

/// <summary><c>hpa &lt;name&gt;</c> without bounds: a read, so a viewer's, like <c>kubectl describe hpa</c>.</summary>
public sealed record HpaQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name) : IKubernetesRequest
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed record HpaListQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace) : INamespaceWideRequest
{
    public string Name => string.Empty;

    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed class HpaQueryValidator(IOptionsMonitor<TargetOptions> targets) : KubernetesRequestValidator<HpaQuery>(targets);

public sealed class HpaListQueryValidator(IOptionsMonitor<TargetOptions> targets) : KubernetesRequestValidator<HpaListQuery>(targets);

public sealed class HpaQueryHandler(IKubernetesOperations kube) : IRequestHandler<HpaQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(HpaQuery request, CancellationToken cancellationToken)
    {
        var (h, conditions) = await kube.GetHpaAsync(request.Target(), request.Name, cancellationToken);
        var lines = conditions.Select(c => $"{c.Type}={c.Status}{(c.Reason is null ? string.Empty : $" ({c.Reason})")}{(c.Message is null ? string.Empty : $": {c.Message}")}").ToList();
        var inactive = conditions.Any(c => c is { Type: "ScalingActive", Status: "False" });
        var text = $"HPA {h.Name} in {request.Target()} → deployment {h.TargetDeployment}: min {h.Min}, max {h.Max}, current {h.Current}, desired {h.Desired}; metrics (current/target): {h.Targets}" +
            (lines.Count == 0 ? "\nconditions: none reported yet" : $"\nconditions:\n{string.Join('\n', lines)}");
        return OperationResult.Success(text) with
        {
            Title = $"HPA {h.Name} ({request.Namespace}, {request.Cluster})",
            Severity = inactive ? Severity.Warning : Severity.Success,
            Summary = lines.Count == 0 ? string.Empty : $"conditions:\n{string.Join('\n', lines)}",
            Fields =
            [
                new("Target", $"deployment {h.TargetDeployment}"),
                new("Replicas", $"min {h.Min} / max {h.Max} / current {h.Current} / desired {h.Desired}"),
                new("Metrics", h.Targets, Short: false),
                new("Conditions", lines.Count == 0 ? "none" : string.Join(", ", conditions.Select(c => $"{c.Type}={c.Status}")), Short: false),
            ],
        };
    }
}

public sealed class HpaListQueryHandler(IKubernetesOperations kube) : IRequestHandler<HpaListQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(HpaListQuery request, CancellationToken cancellationToken)
    {
        var hpas = await kube.ListHpasAsync(request.Target(), cancellationToken);
        if (hpas.Count == 0)
        {
            return OperationResult.Success($"no HPAs in {request.Target()}");
        }

        var table = new ResultTable(
            ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS"],
            hpas.Select(h => (IReadOnlyList<string>)[h.Name, $"Deployment/{h.TargetDeployment}", h.Targets, Num(h.Min), Num(h.Max), Num(h.Current)]).ToList(),
            $"HPAs in {request.Target()}");
        return OperationResult.Success($"HPAs in {request.Target()}:\n{TextTable.Render(table)}") with { Summary = string.Empty, Tables = [table] };
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
