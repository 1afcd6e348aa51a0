namespace ChatOps.Bot.Features.Kubernetes;

public sealed record StatusQuery(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Name) : IKubernetesRequest
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed class StatusQueryValidator(IOptionsMonitor<TargetOptions> targets) : KubernetesRequestValidator<StatusQuery>(targets);

public sealed class StatusHandler(IKubernetesOperations kube, TimeProvider clock) : IRequestHandler<StatusQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(StatusQuery request, CancellationToken cancellationToken)
    {
        var s = await kube.GetStatusAsync(request.Target(), request.Name, cancellationToken);
        var d = s.Deployment;
        var now = clock.GetUtcNow();
        var (state, line) = RolloutProgress.Evaluate(d);
        var text = $"deployment {d.Name} in {request.Target()}: {d.Desired} desired, {d.Updated} updated, {d.Ready} ready, {d.Available} available; " +
            $"revision {d.Revision} ({KubeText.Images(d.Images)})" + (d.Paused ? "; PAUSED" : string.Empty);
        var conditions = d.Conditions.Select(c => $"{c.Type}={c.Status}{(c.Reason is null ? string.Empty : $" ({c.Reason})")}").ToList();
        var pods = new ResultTable(
            ["POD", "PHASE", "READY", "RESTARTS", "AGE"],
            s.Pods.Select(p => (IReadOnlyList<string>)[p.Name, p.Waiting ?? p.Phase, $"{p.ReadyContainers}/{p.Containers}", p.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture), KubeText.Age(p.Created, now)]).ToList(),
            "Pods");
        var body = $"{text}\nconditions: {string.Join(", ", conditions)}\n{line}";
        if (s.Hpa is { } hpa)
        {
            body += $"\n{KubeText.Hpa(hpa)}";
        }

        body += s.Pods.Count == 0 ? "\nno pods" : $"\n{TextTable.Render(pods)}";
        return new OperationResult(Outcome.Succeeded, body)
        {
            Title = $"{d.Name} ({request.Namespace}, {request.Cluster})",
            Severity = state == RolloutState.Failed ? Severity.Danger : state == RolloutState.Progressing ? Severity.Warning : Severity.Success,
            Fields =
            [
                new("Replicas", $"{d.Desired} desired / {d.Updated} updated / {d.Ready} ready / {d.Available} available"),
                new("Revision", $"{d.Revision}"),
                new("Images", KubeText.Images(d.Images), Short: false),
                new("Conditions", string.Join(", ", conditions), Short: false),
                new("HPA", s.Hpa is null ? "none" : $"min {s.Hpa.Min}, max {s.Hpa.Max}, current {s.Hpa.Current}, {s.Hpa.Targets}"),
            ],
            Tables = s.Pods.Count == 0 ? [] : [pods],
        };
    }
}
