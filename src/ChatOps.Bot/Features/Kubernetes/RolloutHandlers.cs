namespace ChatOps.Bot.Features.Kubernetes;

public sealed class RolloutHistoryHandler(IKubernetesOperations kube) : IRequestHandler<RolloutHistoryQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(RolloutHistoryQuery request, CancellationToken cancellationToken)
    {
        var s = await kube.GetStatusAsync(request.Target(), request.Name, cancellationToken);
        var revisions = s.ReplicaSets.Where(r => r.Revision > 0).OrderBy(r => r.Revision).ToList();
        var table = new ResultTable(
            ["REVISION", "CREATED", "IMAGES", "CHANGE-CAUSE"],
            revisions.Select(r => (IReadOnlyList<string>)
            [
                r.Revision.ToString(CultureInfo.InvariantCulture) + (r.Revision == s.Deployment.Revision ? " (current)" : string.Empty),
                KubeText.Time(r.Created), KubeText.Images(r.Images), r.ChangeCause ?? "<none>",
            ]).ToList(),
            $"deployment {request.Name} in {request.Target()}");
        var text = revisions.Count == 0
            ? $"deployment {request.Name} in {request.Target()} has no revisions yet"
            : $"deployment {request.Name} in {request.Target()}:\n{TextTable.Render(table)}";
        // The table's caption names the deployment: a rich answer is the table alone.
        return OperationResult.Success(text) with { Summary = revisions.Count == 0 ? null : string.Empty, Tables = revisions.Count == 0 ? [] : [table] };
    }
}

public sealed class RolloutUndoHandler(IKubernetesOperations kube) : IRequestHandler<RolloutUndoCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(RolloutUndoCommand request, CancellationToken cancellationToken)
    {
        var r = await kube.UndoAsync(request.Target(), request.Name, request.ToRevision, request.DryRun, cancellationToken);
        if (r.Skipped)
        {
            // kubectl exits 0 here: asking for the revision that already runs is not an error, and nothing was written.
            return OperationResult.Success(
                $"skipped rollback of deployment {request.Name} in {request.Target()} (current template already matches revision {r.ToRevision}); nothing changed");
        }

        var verb = r.DryRun ? "would roll back" : "rolled back";
        return OperationResult.Success(
            $"{verb} deployment {request.Name} in {request.Target()}: revision {r.FromRevision} → {r.ToRevision} (template of revision {r.ToRevision}); " +
            $"image {KubeText.Images(r.FromImages)} → {KubeText.Images(r.ToImages)}{KubeText.DryRunNote(r.DryRun)}") with
        {
            Visibility = Visibility.InChannel,
            Fields =
            [
                new("Deployment", $"{request.Name} ({request.Namespace}, {request.Cluster})"),
                new("Revision", $"{r.FromRevision} → {r.ToRevision}"),
                new("Image", $"{KubeText.Images(r.FromImages)} → {KubeText.Images(r.ToImages)}", Short: false),
            ],
        };
    }
}

public sealed class RolloutRestartHandler(IKubernetesOperations kube, TimeProvider clock) : IRequestHandler<RolloutRestartCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(RolloutRestartCommand request, CancellationToken cancellationToken)
    {
        var r = await kube.RestartAsync(request.Target(), request.Name, clock.GetUtcNow(), request.DryRun, cancellationToken);
        var verb = r.DryRun ? "would restart" : "restarted";
        return OperationResult.Success(
            $"{verb} deployment {request.Name} in {request.Target()}: pod template annotated kubectl.kubernetes.io/restartedAt={r.RestartedAt}; " +
            $"pods are replaced by a rolling update{KubeText.DryRunNote(r.DryRun)}") with
        {
            Visibility = Visibility.InChannel,
        };
    }
}
