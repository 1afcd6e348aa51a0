using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// <c>GET pods/{name}/log</c>: each container run writes one line a second from its start (read off the pod's status),
/// so the same instant always gives the same log. The previous run of a restarted container ends in the error that
/// killed it. One line quotes a database password, as careless applications do, for the bot's redaction to catch.
/// A line is computed from its number, and lines are streamed as they are computed, so a run of weeks (a log of tens
/// of MiB) is served without being held — the client's memory is what such a log is there to measure.
/// </summary>
public static class PodLogs
{
    public const string LeakedPassword = "s1m-Db-pa55word";

    /// <summary>
    /// Streams the log as it stands, honouring sinceSeconds, tailLines and (unless <paramref name="ignoreLimitBytes"/>,
    /// as a proxy that drops the parameter would) limitBytes; <paramref name="sent"/> hears each chunk the client took.
    /// </summary>
    public static async Task WriteAsync(ObjectStore store, ApiCall call, IQueryCollection query, HttpResponse response, bool ignoreLimitBytes, Action<int> sent, CancellationToken cancellationToken)
    {
        var (run, first) = Snapshot(store, call, query);
        response.ContentType = "text/plain";
        var limit = ignoreLimitBytes ? long.MaxValue : Int(query, "limitBytes") ?? long.MaxValue;
        await WriteLinesAsync(run, first, run.Last, limit, response.Body, sent, cancellationToken);
    }

    /// <summary>
    /// <c>follow=true</c>: what <see cref="WriteAsync"/> gives, then each new line as the clock reaches it, until the
    /// container stops or restarts, limitBytes is reached, or the client hangs up — as the kubelet streams it.
    /// </summary>
    public static async Task FollowAsync(ObjectStore store, ApiCall call, IQueryCollection query, HttpResponse response, CancellationToken cancellationToken)
    {
        var (run, first) = Snapshot(store, call, query);
        var left = Int(query, "limitBytes") ?? long.MaxValue;
        response.ContentType = "text/plain";
        var written = run.Last;
        left -= await WriteLinesAsync(run, first, written, left, response.Body, _ => { }, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        while (left > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), store.Clock, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // the client hung up: a follow ends that way too
                return;
            }

            var status = Status(store, call, run.Container);
            if (status?["state"]?["running"]?.Str("startedAt") != run.StartedAt)
            {
                return;
            }

            var now = run with { To = store.Clock.GetUtcNow() };
            left -= await WriteLinesAsync(now, written + 1, now.Last, left, response.Body, _ => { }, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            written = now.Last;
        }
    }

    /// <summary>The run the query asks for, and the number of its first line to send (after sinceSeconds and tailLines).</summary>
    private static (Run Run, long First) Snapshot(ObjectStore store, ApiCall call, IQueryCollection query)
    {
        var pod = store.Get(new ObjectKey("pods", call.Namespace, call.Name)) ?? throw ObjectStore.NotFound(new ObjectKey("pods", call.Namespace, call.Name));
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).Select(c => c.Str("name")!).ToList();
        var container = query["container"].ToString();
        if (container.Length == 0)
        {
            container = containers.Count == 1
                ? containers[0]
                : throw new BadRequestException($"a container name must be specified for pod {call.Name}, choose one of: [{string.Join(' ', containers)}]");
        }

        if (!containers.Contains(container))
        {
            throw new BadRequestException($"container {container} is not valid for pod {call.Name}");
        }

        var status = Status(store, call, container);
        var now = store.Clock.GetUtcNow();
        Run run;
        if (query["previous"].ToString() is "true" or "1")
        {
            var terminated = status?["lastState"]?["terminated"]
                ?? throw new BadRequestException($"previous terminated container \"{container}\" in pod \"{call.Name}\" not found");
            run = new Run(call.Name, container, Time(terminated.Str("startedAt")), Time(terminated.Str("finishedAt")), true, null);
        }
        else
        {
            var running = status?["state"]?["running"]
                ?? throw new BadRequestException($"container \"{container}\" in pod \"{call.Name}\" is waiting to start: {status?["state"]?["waiting"].Str("reason") ?? "ContainerCreating"}");
            run = new Run(call.Name, container, Time(running.Str("startedAt")), now, false, running.Str("startedAt"));
        }

        var first = 0L;
        if (Int(query, "sinceSeconds") is { } since)
        {
            // the first line written at or after now - since
            var ticks = (now.AddSeconds(-since) - run.From).Ticks;
            first = Math.Max(0, (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
        }

        if (Int(query, "tailLines") is { } tail && run.Last - first + 1 > tail)
        {
            first = run.Last - tail + 1;
        }

        return (run, first);
    }

    /// <summary>Lines <paramref name="first"/>..<paramref name="last"/>, cut at <paramref name="limit"/> bytes; returns the bytes written.</summary>
    private static async Task<long> WriteLinesAsync(Run run, long first, long last, long limit, Stream body, Action<int> sent, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var used = 0;
        var total = 0L;
        for (var k = first; k <= last && total + used < limit; k++)
        {
            var line = Encoding.UTF8.GetBytes(run.Line(k) + "\n");
            var take = (int)Math.Min(line.Length, limit - total - used);
            if (used + take > buffer.Length)
            {
                await body.WriteAsync(buffer.AsMemory(0, used), cancellationToken);
                sent(used);
                (total, used) = (total + used, 0);
            }

            line.AsSpan(0, take).CopyTo(buffer.AsSpan(used));
            used += take;
        }

        await body.WriteAsync(buffer.AsMemory(0, used), cancellationToken);
        sent(used);
        return total + used;
    }

    private static JsonNode? Status(ObjectStore store, ApiCall call, string container)
    {
        var pod = store.Get(new ObjectKey("pods", call.Namespace, call.Name));
        return (pod?["status"]?["containerStatuses"] as JsonArray ?? []).FirstOrDefault(s => s.Str("name") == container);
    }

    private static long? Int(IQueryCollection query, string name) =>
        long.TryParse(query[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static DateTimeOffset Time(string? text) =>
        DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>One run of one container, from its start to now (or to its end): line k was written at From + k seconds.</summary>
    private sealed record Run(string Pod, string Container, DateTimeOffset From, DateTimeOffset To, bool Crashed, string? StartedAt)
    {
        /// <summary>The number of the last line written by <see cref="To"/>; -1 before the first.</summary>
        public long Last => To < From ? -1 : (To - From).Ticks / TimeSpan.TicksPerSecond;

        public string Line(long k)
        {
            var stamp = From.AddSeconds(k).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return k switch
            {
                0 => $"{stamp} INFO  [{Container}] starting {Pod}",
                1 => $"{stamp} DEBUG [{Container}] connecting to the database with password={LeakedPassword}",
                _ when Crashed && k == Last => $"{stamp} ERROR [{Container}] fatal: connection pool exhausted, exiting with code 1",
                _ => $"{stamp} INFO  [{Container}] served request {k - 1}",
            };
        }
    }
}
