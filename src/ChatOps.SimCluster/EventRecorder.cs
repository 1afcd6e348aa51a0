using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// core/v1 events as the controllers and kubelets record them: one object per (object, reason, message), whose
/// <c>count</c> and <c>lastTimestamp</c> grow when the same thing happens again — the aggregation the real event
/// recorder does, so <c>kubectl describe</c> prints "x3 over 2m" here too.
/// </summary>
public sealed class EventRecorder(ObjectStore store)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    // What has been recorded once: a kubelet's timeline is replayed on every resync and must not repeat.
    private readonly HashSet<string> _once = [];

    // The event each (object uid, reason, message, fieldPath) is aggregated into; a deleted event simply starts anew.
    private readonly Dictionary<(string? Uid, string Reason, string Message, string? FieldPath), ObjectKey> _latest = [];

    /// <summary>Records the event unless one with the same <paramref name="onceKey"/> was already recorded.</summary>
    public void Once(string onceKey, JsonObject about, string type, string reason, string message, DateTimeOffset at, string component, string? fieldPath = null)
    {
        lock (store.Gate)
        {
            if (_once.Add(onceKey))
            {
                Record(about, type, reason, message, at, component, fieldPath);
            }
        }
    }

    public void Record(JsonObject about, string type, string reason, string message, DateTimeOffset at, string component, string? fieldPath = null)
    {
        lock (store.Gate)
        {
            var ns = about.Str("metadata", "namespace")!;
            var name = about.Str("metadata", "name")!;
            var uid = about.Str("metadata", "uid");
            // An index, not a scan of the namespace's events: those only grow, and cloning all of them per event
            // made every write slower than the last (a loopback scale went from 1 ms to 20 ms and 45 MB per call).
            var aggregate = (uid, reason, message, fieldPath);
            var same = _latest.TryGetValue(aggregate, out var known) ? store.Get(known) : null;
            if (same is not null && same.Str("involvedObject", "uid") == uid && same.Str("reason") == reason && same.Str("message") == message)
            {
                same["count"] = (same.Num("count") ?? 1) + 1;
                same["lastTimestamp"] = Json.Time(at);
                store.Replace(Key(same), same);
                return;
            }

            var eventName = $"{name}.{at.UtcTicks:x}";
            for (var i = 1; store.Get(new ObjectKey("events", ns, eventName)) is not null; i++)
            {
                eventName = $"{name}.{at.UtcTicks + i:x}";
            }

            var involved = new JsonObject
            {
                ["kind"] = about.Str("kind"),
                ["namespace"] = ns,
                ["name"] = name,
                ["uid"] = uid,
                ["apiVersion"] = about.Str("apiVersion"),
                ["resourceVersion"] = about.Str("metadata", "resourceVersion"),
            };
            if (fieldPath is not null)
            {
                involved["fieldPath"] = fieldPath;
            }

            var ev = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Event",
                ["metadata"] = new JsonObject { ["name"] = eventName, ["namespace"] = ns, ["creationTimestamp"] = Json.Time(at) },
                ["involvedObject"] = involved,
                ["reason"] = reason,
                ["message"] = message,
                ["source"] = new JsonObject { ["component"] = component },
                ["firstTimestamp"] = Json.Time(at),
                ["lastTimestamp"] = Json.Time(at),
                ["count"] = 1,
                ["type"] = type,
                ["eventTime"] = null,
                ["reportingComponent"] = component,
                ["reportingInstance"] = string.Empty,
            };
            var key = new ObjectKey("events", ns, eventName);
            store.Create(key, ev);
            _latest[aggregate] = key;
        }
    }

    /// <summary>The deployment controller's "Scaled up replica set x from 1 to 3", on the deployment that owns it.</summary>
    public void Scaled(JsonObject rs, long from, long to, DateTimeOffset at)
    {
        var owner = rs["metadata"]?["ownerReferences"] is JsonArray refs ? refs.FirstOrDefault(r => r.Str("kind") == "Deployment") : null;
        if (owner is null)
        {
            return;
        }

        var deployment = store.Get(new ObjectKey("deployments", rs.Str("metadata", "namespace")!, owner.Str("name")!));
        if (deployment is not null)
        {
            deployment["kind"] ??= "Deployment";
            deployment["apiVersion"] ??= "apps/v1";
            var way = to > from ? "up" : "down";
            Record(deployment, Normal, "ScalingReplicaSet",
                string.Create(CultureInfo.InvariantCulture, $"Scaled {way} replica set {rs.Str("metadata", "name")} from {from} to {to}"), at, "deployment-controller");
        }
    }

    private static ObjectKey Key(JsonObject ev) => new("events", ev.Str("metadata", "namespace")!, ev.Str("metadata", "name")!);
}
