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

        var status = (pod["status"]?["containerStatuses"] as JsonArray ?? []).FirstOrDefault(s => s.Str("name") == container);
        var now = store.Clock.GetUtcNow();
        var previous = query["previous"].ToString() is "true" or "1";
        DateTimeOffset from, to;
        var crashed = false;
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
            (from, to) = (Time(running.Str("startedAt")), now);
        }

        var lines = Lines(call.Name, container, from, to, crashed);
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

        return text;
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
