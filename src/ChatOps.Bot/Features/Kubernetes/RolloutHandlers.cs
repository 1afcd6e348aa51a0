using ChatOps.Bot.Parsing;
using Mediator;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>One check, or with <c>--wait</c> a check every second until complete, failed or the wait is over.</summary>
public sealed class RolloutStatusHandler(IKubernetesOperations kube, TimeProvider clock, IOperationProgress progress)
    : IRequestHandler<RolloutStatusQuery, OperationResult>
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async ValueTask<OperationResult> Handle(RolloutStatusQuery request, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + (request.Wait ?? TimeSpan.Zero);
        var lines = new List<string>();
        while (true)
        {
            var d = (await kube.GetStatusAsync(request.Target(), request.Name, cancellationToken)).Deployment;
            var (state, line) = RolloutProgress.Evaluate(d);
            var changed = lines.Count == 0 || lines[^1] != line;
            if (changed)
            {
                lines.Add(line);
            }

            var text = string.Join('\n', lines);
            switch (state)
            {
                case RolloutState.Complete:
                    return OperationResult.Success(text);
                case RolloutState.Failed:
                    return OperationResult.Failure(text);
            }

            if (request.Wait is null)
            {
                return OperationResult.Success(text) with { Severity = Severity.Warning };
            }

            if (clock.GetUtcNow() + PollInterval > deadline)
            {
                return OperationResult.Failure($"{text}\ntimed out after {Durations.Format(request.Wait.Value)} waiting for deployment {request.Name} in {request.Target()}");
            }

            if (changed)
            {
                // The answer so far, so the chat shows the rollout moving while we keep watching.
                await progress.ReportAsync(new OperationResult(Outcome.Succeeded, text) { Severity = Severity.Info }, cancellationToken);
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }
}

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
        return OperationResult.Success(text) with { Tables = revisions.Count == 0 ? [] : [table] };
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
