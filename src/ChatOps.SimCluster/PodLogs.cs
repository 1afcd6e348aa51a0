using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// <c>GET pods/{name}/log</c>: each container run writes one line a second from its start (read off the pod's status),
/// so the same instant always gives the same log. The previous run of a restarted container ends in the error that
/// killed it. One line quotes a database password, as careless applications do, for the bot's redaction to catch.
/// </summary>
public static class PodLogs
{
    public const string LeakedPassword = "s1m-Db-pa55word";

    public static string Read(ObjectStore store, ApiCall call, IQueryCollection query)
    {
        var (text, _) = Snapshot(store, call, query);
        return text;
    }

    /// <summary>
    /// <c>follow=true</c>: what <see cref="Read"/> gives, then each new line as the clock reaches it, until the
    /// container stops or restarts, limitBytes is reached, or the client hangs up — as the kubelet streams it.
    /// </summary>
    public static async Task FollowAsync(ObjectStore store, ApiCall call, IQueryCollection query, HttpResponse response, CancellationToken cancellationToken)
    {
        var (text, run) = Snapshot(store, call, query);
        var left = Int(query, "limitBytes") ?? long.MaxValue;
        response.ContentType = "text/plain";
        var (pod, container, startedAt, written) = run;
        while (true)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var send = (int)Math.Min(bytes.Length, left);
            await response.Body.WriteAsync(bytes.AsMemory(0, send), cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            left -= send;
            if (left <= 0)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), store.Clock, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // the client hung up: a follow ends that way too
                return;
            }

            var status = Status(store, call, container);
            if (status?["state"]?["running"]?.Str("startedAt") != startedAt)
            {
                return;
            }

            var now = store.Clock.GetUtcNow();
            var lines = Lines(pod, container, Time(startedAt), now, false);
            var fresh = lines.Where(l => l.At > written).ToList();
            text = string.Concat(fresh.Select(l => l.Text + "\n"));
            written = fresh.Count > 0 ? fresh[^1].At : written;
        }
    }

    /// <summary>The log as it stands, and where its run is (for a follow to continue from the last line written).</summary>
    private static (string Text, (string Pod, string Container, string? StartedAt, DateTimeOffset Written) Run) Snapshot(ObjectStore store, ApiCall call, IQueryCollection query)
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
        var previous = query["previous"].ToString() is "true" or "1";
        DateTimeOffset from, to;
        var crashed = false;
        string? startedAt = null;
        if (previous)
        {
            var terminated = status?["lastState"]?["terminated"]
                ?? throw new BadRequestException($"previous terminated container \"{container}\" in pod \"{call.Name}\" not found");
            (from, to, crashed) = (Time(terminated.Str("startedAt")), Time(terminated.Str("finishedAt")), true);
        }
        else
        {
            var running = status?["state"]?["running"]
                ?? throw new BadRequestException($"container \"{container}\" in pod \"{call.Name}\" is waiting to start: {status?["state"]?["waiting"].Str("reason") ?? "ContainerCreating"}");
            startedAt = running.Str("startedAt");
            (from, to) = (Time(startedAt), now);
        }

        var all = Lines(call.Name, container, from, to, crashed);
        var lines = all;
        if (Int(query, "sinceSeconds") is { } since)
        {
            lines = lines.Where(l => l.At >= now.AddSeconds(-since)).ToList();
        }

        if (Int(query, "tailLines") is { } tail && lines.Count > tail)
        {
            lines = lines[^(int)tail..];
        }

        var text = string.Concat(lines.Select(l => l.Text + "\n"));
        if (Int(query, "limitBytes") is { } limit && Encoding.UTF8.GetByteCount(text) > limit)
        {
            text = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text), 0, (int)limit);
        }

        return (text, (call.Name, container, startedAt, all.Count > 0 ? all[^1].At : from.AddSeconds(-1)));
    }

    private static JsonNode? Status(ObjectStore store, ApiCall call, string container)
    {
        var pod = store.Get(new ObjectKey("pods", call.Namespace, call.Name));
        return (pod?["status"]?["containerStatuses"] as JsonArray ?? []).FirstOrDefault(s => s.Str("name") == container);
    }

    private static List<(DateTimeOffset At, string Text)> Lines(string pod, string container, DateTimeOffset from, DateTimeOffset to, bool crashed)
    {
        var lines = new List<(DateTimeOffset, string)>();
        var i = 0;
        for (var at = from; at <= to; at = at.AddSeconds(1), i++)
        {
            var stamp = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var text = i switch
            {
                0 => $"{stamp} INFO  [{container}] starting {pod}",
                1 => $"{stamp} DEBUG [{container}] connecting to the database with password={LeakedPassword}",
                _ when crashed && at.AddSeconds(1) > to => $"{stamp} ERROR [{container}] fatal: connection pool exhausted, exiting with code 1",
                _ => $"{stamp} INFO  [{container}] served request {i - 1}",
            };
            lines.Add((at, text));
        }

        return lines;
    }

    private static long? Int(IQueryCollection query, string name) =>
        long.TryParse(query[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static DateTimeOffset Time(string? text) =>
        DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
