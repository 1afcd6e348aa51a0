namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// One check, or with <c>--wait</c> a watch on the deployment until the rollout is complete, failed or the wait is
/// over; each new line edits the chat message. Where watch is unavailable it checks every second instead.
/// </summary>
public sealed class RolloutStatusHandler(IKubernetesOperations kube, TimeProvider clock, IOperationProgress progress)
    : IRequestHandler<RolloutStatusQuery, OperationResult>
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async ValueTask<OperationResult> Handle(RolloutStatusQuery request, CancellationToken cancellationToken)
    {
        var lines = new RolloutLines();
        if (request.Wait is not { } wait)
        {
            var d = (await kube.GetStatusAsync(request.Target(), request.Name, cancellationToken)).Deployment;
            return Final(lines.Add(d).State, lines) ?? OperationResult.Success(lines.Text) with { Severity = Severity.Warning };
        }

        var deadline = clock.GetUtcNow() + wait;
        return await WatchAsync(request, lines, deadline, cancellationToken) ?? await PollAsync(request, lines, deadline, cancellationToken);
    }

    /// <summary>The answer once the watch ends the wait; null when watch is unavailable and polling takes over.</summary>
    private async Task<OperationResult?> WatchAsync(RolloutStatusQuery request, RolloutLines lines, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationTokenSource? timer = null;
        try
        {
            await foreach (var d in kube.WatchDeploymentAsync(request.Target(), request.Name, stop.Token))
            {
                if (await StepAsync(lines, d, cancellationToken) is { } done)
                {
                    return done;
                }

                // Timed from the first answer on: a watch refused before it delivers leaves the clock to polling alone.
                timer ??= StartTimer(deadline, stop);
            }

            return null;
        }
        catch (KubernetesFailure f) when (f.Kind == KubernetesFailureKind.WatchUnavailable)
        {
            return null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TimedOut(request, lines);
        }
        finally
        {
            timer?.Dispose();
        }
    }

    private CancellationTokenSource StartTimer(DateTimeOffset deadline, CancellationTokenSource stop)
    {
        var remaining = deadline - clock.GetUtcNow();
        var timer = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, clock);
        timer.Token.Register(stop.Cancel);
        return timer;
    }

    private async Task<OperationResult> PollAsync(RolloutStatusQuery request, RolloutLines lines, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var d = (await kube.GetStatusAsync(request.Target(), request.Name, cancellationToken)).Deployment;
            var (state, changed) = lines.Add(d);
            if (Final(state, lines) is { } done)
            {
                return done;
            }

            if (clock.GetUtcNow() + PollInterval > deadline)
            {
                return TimedOut(request, lines);
            }

            if (changed)
            {
                await ReportAsync(lines, cancellationToken);
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }

    private async Task<OperationResult?> StepAsync(RolloutLines lines, DeploymentView d, CancellationToken cancellationToken)
    {
        var (state, changed) = lines.Add(d);
        if (Final(state, lines) is { } done)
        {
            return done;
        }

        if (changed)
        {
            await ReportAsync(lines, cancellationToken);
        }

        return null;
    }

    // The answer so far, so the chat shows the rollout moving while we keep watching.
    private ValueTask ReportAsync(RolloutLines lines, CancellationToken cancellationToken) =>
        progress.ReportAsync(new OperationResult(Outcome.Succeeded, lines.Text) { Severity = Severity.Info }, cancellationToken);

    private static OperationResult? Final(RolloutState state, RolloutLines lines) => state switch
    {
        RolloutState.Complete => OperationResult.Success(lines.Text),
        RolloutState.Failed => OperationResult.Failure(lines.Text),
        _ => null,
    };

    private static OperationResult TimedOut(RolloutStatusQuery request, RolloutLines lines) =>
        OperationResult.Failure($"{lines.Text}\ntimed out after {Durations.Format(request.Wait!.Value)} waiting for deployment {request.Name} in {request.Target()}");

    /// <summary>The distinct lines a rollout has shown, in order: a status that says nothing new adds nothing.</summary>
    private sealed class RolloutLines
    {
        private readonly List<string> _lines = [];

        public string Text => string.Join('\n', _lines);

        public (RolloutState State, bool Changed) Add(DeploymentView d)
        {
            var (state, line) = RolloutProgress.Evaluate(d);
            var changed = _lines.Count == 0 || _lines[^1] != line;
            if (changed)
            {
                _lines.Add(line);
            }

            return (state, changed);
        }
    }
}
