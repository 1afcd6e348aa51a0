using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// Every object by key, with one cluster-wide resourceVersion counter as etcd has. Every create and replace is
/// defaulted here (<see cref="Defaults"/>), whoever writes — a client, a controller or the seeder — as the real
/// server defaults every object it decodes. A write that names a
/// resourceVersion other than the stored one is a 409, which is what makes optimistic concurrency testable.
/// One lock: the server is small and the order of writes is what tests reason about.
/// </summary>
public sealed class ObjectStore(TimeProvider clock)
{
    private readonly Dictionary<ObjectKey, JsonObject> _objects = [];
    private const long StartVersion = 1000;
    private long _version = StartVersion;

    public object Gate { get; } = new();

    /// <summary>Every committed change, for watches; use only under <see cref="Gate"/>.</summary>
    public WatchLog Changes { get; } = new(capacity: 1000, StartVersion);

    public TimeProvider Clock => clock;

    public string CurrentVersion
    {
        get
        {
            lock (Gate)
            {
                return _version.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    public JsonObject? Get(ObjectKey key)
    {
        lock (Gate)
        {
            return _objects.TryGetValue(key, out var o) ? (JsonObject)o.DeepClone() : null;
        }
    }

    public IReadOnlyList<JsonObject> List(string resource, string ns)
    {
        lock (Gate)
        {
            return _objects.Where(p => p.Key.Resource == resource && p.Key.Namespace == ns)
                .OrderBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => (JsonObject)p.Value.DeepClone())
                .ToList();
        }
    }

    /// <summary>Creates the object with a uid, creation time and a fresh resourceVersion.</summary>
    public JsonObject Create(ObjectKey key, JsonObject obj, bool dryRun = false)
    {
        lock (Gate)
        {
            if (_objects.ContainsKey(key))
            {
                throw new ApiException(HttpStatusCode.Conflict, "AlreadyExists", $"{Kinds.Qualified(key.Resource)} \"{key.Name}\" already exists");
            }

            Defaults.Apply(key.Resource, obj);
            var meta = obj.Obj("metadata");
            meta["name"] = key.Name;
            meta["namespace"] = key.Namespace.Length > 0 ? key.Namespace : null; // cluster-scoped objects have none
            meta["uid"] ??= Guid.NewGuid().ToString();
            meta["creationTimestamp"] ??= Json.Time(clock.GetUtcNow());
            meta["generation"] ??= 1;
            return Commit(key, obj, dryRun);
        }
    }

    /// <summary>Replaces the object; a resourceVersion in <paramref name="obj"/> must match the stored one.</summary>
    public JsonObject Replace(ObjectKey key, JsonObject obj, bool dryRun = false)
    {
        lock (Gate)
        {
            var current = _objects.GetValueOrDefault(key) ?? throw NotFound(key);
            Defaults.Apply(key.Resource, obj);
            var meta = obj.Obj("metadata");
            var asked = meta.Str("resourceVersion");
            if (!string.IsNullOrEmpty(asked) && asked != current.Str("metadata", "resourceVersion"))
            {
                throw Conflict(key);
            }

            // Identity fields belong to the server, whatever the client sent.
            foreach (var field in new[] { "uid", "creationTimestamp", "name", "namespace" })
            {
                meta[field] = current["metadata"]![field]?.DeepClone();
            }

            // Status is a subresource: only the controllers write it, through WriteStatus.
            obj["status"] = current["status"]?.DeepClone();
            var generation = current.Num("metadata", "generation") ?? 1;
            var specChanged = !Json.DeepEquals(current["spec"], obj["spec"]);
            meta["generation"] = specChanged ? generation + 1 : generation;

            // A write that changes nothing is not a change: etcd is not written, the resourceVersion stays and
            // no watch hears of it (clients compare resourceVersions to see whether anything happened).
            meta["resourceVersion"] = current["metadata"]!["resourceVersion"]?.DeepClone();
            if (Json.DeepEquals(current, obj))
            {
                return (JsonObject)current.DeepClone();
            }

            return Commit(key, obj, dryRun, "MODIFIED", current);
        }
    }

    /// <summary>What a controller's PUT to <c>/status</c> does; an unchanged status is not a write.</summary>
    public bool WriteStatus(ObjectKey key, JsonNode? status)
    {
        lock (Gate)
        {
            var current = _objects.GetValueOrDefault(key);
            if (current is null || Json.DeepEquals(current["status"], status))
            {
                return false;
            }

            var updated = (JsonObject)current.DeepClone();
            updated["status"] = status?.DeepClone();
            Commit(key, updated, dryRun: false, "MODIFIED", current);
            return true;
        }
    }

    /// <summary>Every object of a resource in every namespace, as the controllers' informers see them.</summary>
    public IReadOnlyList<JsonObject> ListAll(string resource)
    {
        lock (Gate)
        {
            return _objects.Where(p => p.Key.Resource == resource)
                .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => (JsonObject)p.Value.DeepClone())
                .ToList();
        }
    }

    /// <summary>Removes the object; returns it as it was (with the deletion's resourceVersion), or null if absent.</summary>
    public JsonObject? Delete(ObjectKey key, bool dryRun = false)
    {
        lock (Gate)
        {
            if (!_objects.TryGetValue(key, out var current))
            {
                return null;
            }

            if (dryRun)
            {
                return (JsonObject)current.DeepClone();
            }

            _objects.Remove(key);
            var gone = (JsonObject)current.DeepClone();
            gone.Obj("metadata")["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
            Changes.Publish(new WatchEvent("DELETED", key, _version, gone));
            return (JsonObject)gone.DeepClone();
        }
    }

    private JsonObject Commit(ObjectKey key, JsonObject obj, bool dryRun, string change = "ADDED", JsonObject? previous = null)
    {
        var meta = obj.Obj("metadata");
        meta["resourceVersion"] = dryRun
            ? obj.Str("metadata", "resourceVersion") ?? string.Empty
            : (++_version).ToString(CultureInfo.InvariantCulture);
        var normalized = (JsonObject)Json.Normalize(obj)!;
        if (!dryRun)
        {
            _objects[key] = normalized;
            // The stored object is replaced, never mutated, so the previous one can be handed on as is.
            Changes.Publish(new WatchEvent(change, key, _version, (JsonObject)normalized.DeepClone(), previous));
        }

        return (JsonObject)normalized.DeepClone();
    }

    public static ApiException NotFound(ObjectKey key) =>
        new(HttpStatusCode.NotFound, "NotFound", $"{Kinds.Qualified(key.Resource)} \"{key.Name}\" not found");

    public static ApiException Conflict(ObjectKey key) =>
        new(HttpStatusCode.Conflict, "Conflict",
            $"Operation cannot be fulfilled on {Kinds.Qualified(key.Resource)} \"{key.Name}\": the object has been modified; please apply your changes to the latest version and try again");
}
