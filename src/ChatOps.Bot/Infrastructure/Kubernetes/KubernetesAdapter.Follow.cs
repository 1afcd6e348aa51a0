using System.Runtime.CompilerServices;
using ChatOps.Bot.Features.Kubernetes;
using k8s;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>logs --follow: get pods/log with follow=true, the same RBAC rule as a plain read.</summary>
public sealed partial class KubernetesAdapter
{
    public async IAsyncEnumerable<string> FollowLogAsync(KubeTarget target, LogRead read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The cluster's RequestTimeout bounds opening the stream only; how long it stays open is the caller's token.
        var stream = await Call(target, "get", "pods/log", $"log of pod {read.Pod}", (k, ct) =>
            k.CoreV1.ReadNamespacedPodLogAsync(read.Pod, target.Namespace, read.Container, follow: true, limitBytes: read.LimitBytes,
                sinceSeconds: read.Since is { } s ? (int)Math.Ceiling(s.TotalSeconds) : null, tailLines: read.TailLines, cancellationToken: ct), cancellationToken);
        await using (stream)
        {
            await foreach (var line in LogLines.ReadAsync(stream, read.LimitBytes, cancellationToken))
            {
                yield return line;
            }
        }
    }
}

/// <summary>Splits a log stream into lines as they arrive, and stops after a byte cap whatever the server sends.</summary>
public static class LogLines
{
    public static async IAsyncEnumerable<string> ReadAsync(Stream stream, int limitBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(limitBytes, 8192)];
        var pending = new MemoryStream();
        var total = 0;
        while (total < limitBytes)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, limitBytes - total)), cancellationToken);
            if (n == 0)
            {
                break;
            }

            total += n;
            var start = 0;
            for (var i = 0; i < n; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    pending.Write(buffer, start, i - start);
                    yield return Take(pending);
                    start = i + 1;
                }
            }

            pending.Write(buffer, start, n - start);
        }

        if (pending.Length > 0)
        {
            yield return Take(pending);
        }
    }

    private static string Take(MemoryStream pending)
    {
        var line = Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length).TrimEnd('\r');
        pending.SetLength(0);
        return line;
    }
}
