using ChatOps.Bot.Features.Kubernetes;
using k8s;
using k8s.Autorest;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>logs: get pods/log (manifests/rbac.yaml), bounded on the call and again while reading.</summary>
public sealed partial class KubernetesAdapter
{
    public async Task<PodLog> ReadLogAsync(KubeTarget target, LogRead read, CancellationToken cancellationToken)
    {
        try
        {
            return await Call(target, "get", "pods/log", $"log of pod {read.Pod}", async (k, ct) =>
            {
                await using var stream = await k.CoreV1.ReadNamespacedPodLogAsync(read.Pod, target.Namespace, read.Container,
                    limitBytes: read.LimitBytes, previous: read.Previous ? true : null,
                    sinceSeconds: read.Since is { } s ? (int)Math.Ceiling(s.TotalSeconds) : null, tailLines: read.TailLines, cancellationToken: ct);
                return await LogReader.ReadAsync(stream, read.LimitBytes, read.TailLines, ct);
            }, cancellationToken);
        }
        catch (KubernetesFailure f) when (f.Kind == KubernetesFailureKind.Invalid && f.InnerException is HttpOperationException http)
        {
            // 400 on a log read is not a refused change: the server says why there is no log (waiting, no previous run).
            throw new KubernetesFailure(KubernetesFailureKind.Invalid,
                $"no log for pod {read.Pod} on cluster {target.Cluster}: {KubeCalls.Message(http.Response?.Content) ?? http.Message}", f);
        }
    }
}

/// <summary>Reads at most a byte cap off a log stream, whatever the server sends, and keeps the last lines.</summary>
public static class LogReader
{
    public static async Task<PodLog> ReadAsync(Stream stream, int limitBytes, int tailLines, CancellationToken cancellationToken)
    {
        var buffer = new byte[limitBytes];
        var length = 0;
        while (length < limitBytes)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(length, limitBytes - length), cancellationToken);
            if (n == 0)
            {
                break;
            }

            length += n;
        }

        // A full buffer means the cap cut the log (the server's limitBytes does the same without saying so).
        var truncated = length == limitBytes;
        var text = Encoding.UTF8.GetString(buffer, 0, length);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new PodLog(lines.Count > tailLines ? lines[^tailLines..] : lines, truncated);
    }
}
