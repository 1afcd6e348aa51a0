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
        var images = KubeText.Images(d.Images);
        var conditions = string.Join(", ", d.Conditions.Select(c => c.Reason is null ? $"{c.Type}={c.Status}" : $"{c.Type}={c.Status} ({c.Reason})"));
        var pods = new ResultTable(
            ["POD", "PHASE", "READY", "RESTARTS", "AGE"],
            s.Pods.Select(p => (IReadOnlyList<string>)[p.Name, p.Waiting ?? p.Phase, $"{p.ReadyContainers}/{p.Containers}", p.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture), KubeText.Age(p.Created, now)]).ToList(),
            "Pods");

        // One string for the whole answer: it holds the pods table, and joining it piece by piece copied it each time.
        var body = $"deployment {d.Name} in {request.Target()}: {d.Desired} desired, {d.Updated} updated, {d.Ready} ready, {d.Available} available; " +
            $"revision {d.Revision} ({images}){(d.Paused ? "; PAUSED" : string.Empty)}\nconditions: {conditions}\n{line}" +
            $"{(s.Hpa is { } hpa ? $"\n{KubeText.Hpa(hpa)}" : string.Empty)}\n{(s.Pods.Count == 0 ? "no pods" : TextTable.Render(pods))}";
        return new OperationResult(Outcome.Succeeded, body)
        {
            Title = $"{d.Name} ({request.Namespace}, {request.Cluster})",
            Summary = !d.Paused && s.Pods.Count > 0 ? line : $"{line}{(d.Paused ? "\nPAUSED" : string.Empty)}{(s.Pods.Count == 0 ? "\nno pods" : string.Empty)}",
            Severity = state == RolloutState.Failed ? Severity.Danger : state == RolloutState.Progressing ? Severity.Warning : Severity.Success,
            Fields =
            [
                new("Replicas", $"{d.Desired} desired / {d.Updated} updated / {d.Ready} ready / {d.Available} available"),
                new("Revision", $"{d.Revision}"),
                new("Images", images, Short: false),
                new("Conditions", conditions, Short: false),
                new("HPA", s.Hpa is null ? "none" : $"min {s.Hpa.Min}, max {s.Hpa.Max}, current {s.Hpa.Current}, {s.Hpa.Targets}"),
            ],
            Tables = s.Pods.Count == 0 ? [] : [pods],
        };
    }
}
