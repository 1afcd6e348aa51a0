using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// <c>logs --follow</c>: streams one container's log and, every <see cref="ReportInterval"/> that brought new lines,
/// shows the answer so far through <see cref="IOperationProgress"/> (Slack and Teams edit it, the console prints what
/// is new). Ends when the cluster's <see cref="ClusterOptions.LogFollow"/> is over, the container stops, the stream has
/// carried <see cref="ClusterOptions.MaxLogBytes"/>, or the command is cancelled. Every interim answer is redacted
/// from all lines so far, so a secret split across two chunks is still masked. While it runs, each interim answer
/// carries a Stop button naming the follow in <see cref="ILogFollows"/>, which ends it early.
/// </summary>
public sealed class LogFollower(IKubernetesOperations kube, ISecretRedactor redactor, TimeProvider clock, IOperationProgress progress, ILogFollows follows)
{
    public static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private int _bytes;

    public async Task<OperationResult> FollowAsync(LogsQuery request, string header, string pod, string container, ClusterOptions cluster, int tail, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + cluster.LogFollow;
        using var lease = follows.Begin(request.Context, request.Scope, pod, container);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Stopped);
        using var timer = new CancellationTokenSource(cluster.LogFollow, clock);
        using var onTimer = timer.Token.Register(stop.Cancel);
        header = $"{header}\nfollowing until {until:HH:mm:ss} UTC";
        var reporting = ReportLoopAsync(request, header, pod, container, tail, cluster.MaxLogBytes, StopButton(request, lease.Info.Id), stop.Token);
        string ending;
        try
        {
            await foreach (var line in kube.FollowLogAsync(request.Target(), new LogRead(pod, container, false, request.Since, tail, cluster.MaxLogBytes), stop.Token))
            {
                lock (_gate)
                {
                    _lines.Add(line);
                    _bytes += Encoding.UTF8.GetByteCount(line) + 1;
                }
            }

            ending = Truncated(cluster.MaxLogBytes) ? "stopped following: the log reached the cluster's MaxLogBytes" : "stopped following: the container's log ended";
        }
        catch (OperationCanceledException) when (lease.Stopped.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            ending = $"stopped following: {lease.StoppedBy} clicked Stop";
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            ending = $"stopped following after {Durations.Format(cluster.LogFollow)} (the cluster's LogFollow); run it again to keep watching";
        }
        finally
        {
            await stop.CancelAsync();
            await reporting;
        }

        // The ending goes last, so the final answer continues the interim ones (a terminal prints only what is new).
        var answer = Render(request, header, pod, container, tail, cluster.MaxLogBytes);
        return answer with { Text = $"{answer.Text}\n{ending}" };
    }

    /// <summary>The button on every interim answer; the final answer has none, the follow being over.</summary>
    internal static ResultButton StopButton(LogsQuery request, string id) =>
        new("Stop", $"logs stop {id} -n {request.Namespace} --cluster {request.Cluster}");

    private async Task ReportLoopAsync(LogsQuery request, string header, string pod, string container, int tail, int maxBytes, ResultButton stopButton, CancellationToken stop)
    {
        var shown = 0;
        using var ticks = new PeriodicTimer(ReportInterval, clock);
        try
        {
            while (await ticks.WaitForNextTickAsync(stop))
            {
                int count;
                lock (_gate)
                {
                    count = _lines.Count;
                }

                if (count == shown)
                {
                    continue;
                }

                shown = count;
                var interim = Render(request, header, pod, container, tail, maxBytes);
                await progress.ReportAsync(Interim(request, interim) with { Buttons = [stopButton] }, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the follow is over; its final answer says why
        }
    }

    private OperationResult Render(LogsQuery request, string header, string pod, string container, int tail, int maxBytes)
    {
        List<string> lines;
        lock (_gate)
        {
            lines = [.. _lines];
        }

        var (shown, masked) = LogsHandler.Shown(redactor, request, lines);
        return LogText.Render(request, header, shown, masked, Truncated(maxBytes), maxBytes, LogPick.Kubectl(request, pod, container, tail),
            LogText.FileName(request, pod, container));
    }

    private bool Truncated(int maxBytes)
    {
        lock (_gate)
        {
            return _bytes >= maxBytes;
        }
    }

    /// <summary>
    /// An interim answer carries no file (the final one attaches the whole read once) and, at the console, no closing
    /// fence: the terminal prints only new lines, so the next interim continues the block instead of repeating it.
    /// </summary>
    private static OperationResult Interim(LogsQuery request, OperationResult answer)
    {
        var text = answer.Text;
        if (request.Context.Platform == LogText.ConsolePlatform && text.EndsWith("\n```", StringComparison.Ordinal))
        {
            text = text[..^4];
        }

        return answer with { Text = text, Files = [], Severity = Severity.Info };
    }
}
