using ChatOps.Bot.Features.Queues;

namespace ChatOps.Bot.Infrastructure.Queues;

/// <summary>
/// Management API paths with one user- or broker-given name per segment, and the check that the answer is the object
/// asked for. Two layers would otherwise move a name to another object: .NET's <see cref="Uri"/> compacts <c>.</c> and
/// <c>..</c> segments (and unescapes <c>%2E</c> first), and RabbitMQ's HTTP server (cowboy) percent-decodes each segment
/// and then removes dot segments too, so <c>DELETE /api/queues/v/%2E/contents</c> deletes the queue <c>contents</c>.
/// Segments are therefore fully escaped (<c>/</c> → <c>%2F</c>, <c>.</c> → <c>%2E</c>), the URI is never
/// canonicalised, and a name that is a whole dot segment is refused before any request.
/// </summary>
internal static class RabbitMqPaths
{
    public const string PathStep = "the management API's HTTP server reads '.' and '..' as path steps";

    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>One name as exactly one path segment.</summary>
    public static string Segment(string name) => Uri.EscapeDataString(name).Replace(".", "%2E", StringComparison.Ordinal);

    /// <summary>A name the management API cannot address: the server removes it (or it and its parent) from the path.</summary>
    public static bool IsPathStep(string name) => name is "." or "..";

    /// <summary><paramref name="path"/> (relative, already escaped) under the management URL, sent exactly as built.</summary>
    public static Uri Absolute(Uri baseUri, string path) => new(baseUri.AbsoluteUri + path, Verbatim);

    public static string Vhost(string broker, BrokerOptions b) =>
        IsPathStep(b.VirtualHost)
            ? throw new PortFailure(
                $"broker {broker}: virtual host '{b.VirtualHost}' cannot be addressed ({PathStep}; ChatOps:Brokers:{broker}:VirtualHost)")
            : Segment(b.VirtualHost);

    /// <summary>The queue's path, or a refusal naming the path the server would reach instead.</summary>
    public static string Queue(string broker, BrokerOptions b, string queue, string suffix = "")
    {
        var vhost = Vhost(broker, b);
        if (IsPathStep(queue))
        {
            string[] segments = ["api", "queues", b.VirtualHost, queue, .. suffix.Split('/', StringSplitOptions.RemoveEmptyEntries)];
            throw new WrongQueueException(broker, queue, $"'{Reached(segments)}' of the management API", PathStep);
        }

        return $"api/queues/{vhost}/{Segment(queue)}{(suffix.Length == 0 ? string.Empty : "/" + suffix)}";
    }

    /// <summary>The exchange's path; null for a name the API cannot address.</summary>
    public static string? Exchange(string broker, BrokerOptions b, string exchange, string suffix = "") =>
        IsPathStep(exchange) ? null : $"api/exchanges/{Vhost(broker, b)}/{Segment(exchange)}{(suffix.Length == 0 ? string.Empty : "/" + suffix)}";

    /// <summary>Whether a single-object answer is the named object of the configured virtual host.</summary>
    public static bool Is(JsonElement answer, string name, BrokerOptions b) =>
        answer.ValueKind == JsonValueKind.Object
        && string.Equals(RabbitMqJson.Text(answer, "name"), name, StringComparison.Ordinal)
        && string.Equals(RabbitMqJson.Text(answer, "vhost"), b.VirtualHost, StringComparison.Ordinal);

    /// <summary>Throws unless the answer is the queue asked for, naming what came back instead.</summary>
    public static void RequireQueue(string broker, BrokerOptions b, JsonElement answer, string queue)
    {
        if (!Is(answer, queue, b))
        {
            throw new WrongQueueException(broker, queue, Describe(answer), $"the management API answered for another object of virtual host '{b.VirtualHost}'");
        }
    }

    public static string Describe(JsonElement answer) => answer.ValueKind == JsonValueKind.Object
        ? $"'{QueueText.Short(RabbitMqJson.Text(answer, "name") ?? string.Empty)}' of virtual host '{RabbitMqJson.Text(answer, "vhost")}'"
        : "a listing";

    /// <summary>RFC 3986 remove_dot_segments over decoded segments, as the server applies it.</summary>
    private static string Reached(IReadOnlyList<string> segments)
    {
        var kept = new List<string>();
        foreach (var s in segments)
        {
            if (s == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }
            }
            else if (s != ".")
            {
                kept.Add(s);
            }
        }

        return "/" + string.Join('/', kept.Select(Uri.EscapeDataString)) + (IsPathStep(segments[^1]) ? "/" : string.Empty);
    }
}
