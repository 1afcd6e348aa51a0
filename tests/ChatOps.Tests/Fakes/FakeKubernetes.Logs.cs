using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ChatOps.Bot.Features.Kubernetes;

namespace ChatOps.Tests.Fakes;

/// <summary><c>logs</c>: canned log lines per pod, container and run, bounded as the API server bounds them.</summary>
public sealed partial class FakeKubernetes
{
    /// <summary>Lines by (pod, container, previous); a pod/container with none has an empty log.</summary>
    public Dictionary<(string Pod, string Container, bool Previous), List<string>> Logs { get; } = [];

    /// <summary>Every read as the port received it, to check the bounds went on the call.</summary>
    public List<LogRead> LogReads { get; } = [];

    public Task<PodLog> ReadLogAsync(KubeTarget target, LogRead read, CancellationToken cancellationToken)
    {
        Record($"log {target.Cluster}/{target.Namespace}/{read.Pod}/{read.Container}{(read.Previous ? " previous" : string.Empty)}");
        LogReads.Add(read);
        var lines = Logs.GetValueOrDefault((read.Pod, read.Container, read.Previous)) ?? [];
        var tail = lines.Count > read.TailLines ? lines[^read.TailLines..] : lines;
        return Task.FromResult(new PodLog(tail, false));
    }

    /// <summary>What a followed container writes after its canned lines; a follow ends when the test completes the writer.</summary>
    public Dictionary<(string Pod, string Container), Channel<string>> Follows { get; } = [];

    /// <summary>
    /// How many written lines a follow has handed over, each time it has handed over all written so far and waits for
    /// more: by then the handler holds them, so a test can move the clock knowing what the next interim answer shows.
    /// </summary>
    public Channel<int> FollowIdle { get; } = Channel.CreateUnbounded<int>();

    public async IAsyncEnumerable<string> FollowLogAsync(KubeTarget target, LogRead read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Record($"follow {target.Cluster}/{target.Namespace}/{read.Pod}/{read.Container}");
        LogReads.Add(read);
        var lines = Logs.GetValueOrDefault((read.Pod, read.Container, false)) ?? [];
        foreach (var line in lines.Count > read.TailLines ? lines[^read.TailLines..] : lines)
        {
            yield return line;
        }

        if (Follows.TryGetValue((read.Pod, read.Container), out var more))
        {
            var handed = 0;
            while (true)
            {
                while (more.Reader.TryRead(out var line))
                {
                    yield return line;
                    handed++;
                }

                FollowIdle.Writer.TryWrite(handed);
                if (!await more.Reader.WaitToReadAsync(cancellationToken))
                {
                    yield break;
                }
            }
        }
    }

    /// <summary>A pod with an app container and a sidecar; the app restarted <paramref name="restarts"/> times, last at <paramref name="lastRestart"/>.</summary>
    public static PodDetails PodWithSidecar(string name, int restarts, DateTimeOffset? lastRestart, DateTimeOffset created, string? defaultContainer = null) => new(
        name, "default", "node-1", "Running", null, created, false, [new("Ready", "True", null, null)],
        [
            new("envoy", "envoy:1", null, true, 0, new("Running", null, null, null, null, created, null), null, new Dictionary<string, string>(), new Dictionary<string, string>()),
            new("web", "registry/web:3", null, true, restarts, new("Running", null, null, null, null, lastRestart ?? created, null),
                restarts == 0 ? null : new("Terminated", "Error", null, 1, null, created, lastRestart), new Dictionary<string, string>(), new Dictionary<string, string>()),
        ])
    {
        ControlledBy = "ReplicaSet/web-3",
        DefaultContainer = defaultContainer,
    };
}
