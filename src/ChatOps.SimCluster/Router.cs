using System.Net;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>Maps a request path to discovery or to a namespaced resource, and runs the verb.</summary>
public sealed class Router(ObjectStore store, DeploymentController controller, StatusView status)
{
    public static ApiCall Describe(HttpRequest request, string body)
    {
        var parts = request.Path.Value!.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group = string.Empty, ns = string.Empty, resource = string.Empty, name = string.Empty, sub = string.Empty;
        string[] rest = [];
        if (parts is ["api", "v1", ..])
        {
            rest = parts[2..];
        }
        else if (parts is ["apis", _, _, ..])
        {
            group = parts[1];
            rest = parts[3..];
        }

        if (rest is ["namespaces", var n, var res, ..])
        {
            ns = n;
            resource = res;
            name = rest.Length > 3 ? rest[3] : string.Empty;
            sub = rest.Length > 4 ? rest[4] : string.Empty;
        }
        else if (rest is [var clusterScoped, ..] && Kinds.IsClusterScoped(clusterScoped) && rest.Length <= 2)
        {
            resource = clusterScoped;
            name = rest.Length > 1 ? rest[1] : string.Empty;
        }

        var verb = request.Method switch
        {
            "GET" when resource.Length > 0 && name.Length == 0 => request.Query["watch"].ToString() is "true" or "1" ? "watch" : "list",
            "GET" => "get",
            "PATCH" => "patch",
            "PUT" => "update",
            "POST" => "create",
            "DELETE" => "delete",
            _ => request.Method.ToLowerInvariant(),
        };
        return new ApiCall(request.Method, request.Path.Value!, request.QueryString.Value ?? string.Empty, verb, group, resource, sub, ns, name,
            request.ContentType ?? string.Empty, body, request.Headers.UserAgent.ToString());
    }

    public JsonObject Handle(HttpRequest request, ApiCall call)
    {
        var parts = call.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var discovery = parts switch
        {
            ["version"] => Discovery.Version(),
            ["api"] => Discovery.CoreVersions($"{request.Host}"),
            ["api", "v1"] => Discovery.Resources("v1"),
            ["apis"] => Discovery.Groups(),
            ["apis", var g] => Discovery.Group(g),
            ["apis", var g, var v] => Discovery.Resources($"{g}/{v}"),
            _ => null,
        };
        if (discovery is not null)
        {
            return discovery;
        }

        var kind = Resolve(call);
        var dryRun = request.Query["dryRun"].ToString() switch
        {
            "" => false,
            "All" => true,
            var other => throw new BadRequestException($"Invalid dry run value: {other}"),
        };
        var key = new ObjectKey(kind.Resource, call.Namespace, call.Name);
        return (call.Verb, call.Subresource) switch
        {
            ("list", _) => List(kind, call.Namespace, request),
            ("create", "") => Create(kind, call, dryRun),
            ("get", "scale") => Scales.Of(status.Decorate(kind.Resource, Get(key))),
            ("get", _) => status.Decorate(kind.Resource, Get(key)),
            ("patch", "scale") => Scales.Write(store, controller, key, s => Patches.Apply(s, call.ContentType, call.Body), dryRun, d => status.Decorate(kind.Resource, d)),
            ("update", "scale") => Scales.Write(store, controller, key, _ => Json.Parse(call.Body), dryRun, d => status.Decorate(kind.Resource, d)),
            ("patch", _) => Write(kind, key, Patches.Apply(Get(key), call.ContentType, call.Body), dryRun),
            ("update", _) => Write(kind, key, Json.Parse(call.Body), dryRun),
            ("delete", "") when kind == Kinds.Pods => status.Decorate(kind.Resource, PodDeletion.Delete(store, controller, key, call.Body, dryRun)),
            _ => throw new ApiException(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"the server does not allow this method on the requested resource"),
        };
    }

    /// <summary>The kind a resource request is about; 404 for anything this server does not serve.</summary>
    public static Kind Resolve(ApiCall call)
    {
        var parts = call.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var version = parts is ["api", ..] ? "v1" : parts.Length > 2 ? parts[2] : string.Empty;
        var kind = Kinds.Find(call.Group, version, call.Resource);
        if (kind is null || kind.Namespaced != (call.Namespace.Length > 0) || (call.Subresource.Length > 0 && (call.Resource, call.Subresource) != ("deployments", "scale")))
        {
            throw new ApiException(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
        }

        return kind;
    }

    /// <summary>
    /// POST to a collection, as <c>kubectl apply</c> / <c>create</c> send it: the body's kind must be the collection's,
    /// its namespace (if any) the URL's, and a namespaced object needs its namespace to exist.
    /// </summary>
    private JsonObject Create(Kind kind, ApiCall call, bool dryRun)
    {
        var obj = Json.Parse(call.Body);
        if (obj.Str("kind") != kind.KindName || obj.Str("apiVersion") != kind.ApiVersion)
        {
            throw new BadRequestException($"the API version in the data ({obj.Str("apiVersion")}) does not match the expected API version ({kind.ApiVersion}) and kind ({kind.KindName})");
        }

        var name = obj.Str("metadata", "name");
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidException(kind.KindName, kind.Group, string.Empty, [FieldError.Required("metadata.name", "name or generateName is required")]);
        }

        if (obj.Str("metadata", "namespace") is { Length: > 0 } bodyNamespace && bodyNamespace != call.Namespace)
        {
            throw new BadRequestException("the namespace of the provided object does not match the namespace sent on the request");
        }

        if (kind.Namespaced && store.Get(new ObjectKey(Kinds.Namespaces.Resource, string.Empty, call.Namespace)) is null)
        {
            throw new ApiException(HttpStatusCode.NotFound, "NotFound", $"namespaces \"{call.Namespace}\" not found");
        }

        Validation.Check(kind, obj);
        if (kind == Kinds.Namespaces)
        {
            Namespaces.Active(obj);
        }

        var key = new ObjectKey(kind.Resource, call.Namespace, name);
        var created = store.Create(key, obj, dryRun);
        if (!kind.Namespaced)
        {
            created.Obj("metadata").Remove("namespace");
        }

        if (!dryRun && kind == Kinds.Deployments)
        {
            controller.Reconcile(key);
        }

        return status.Decorate(kind.Resource, created);
    }

    private JsonObject Get(ObjectKey key) => store.Get(key) ?? throw ObjectStore.NotFound(key);

    private JsonObject List(Kind kind, string ns, HttpRequest request)
    {
        var selector = LabelSelector.Parse(request.Query["labelSelector"]);
        var fields = FieldSelector.Parse(request.Query["fieldSelector"], kind);
        var items = store.List(kind.Resource, ns)
            .Where(o => selector.Matches(o["metadata"]?["labels"] as JsonObject))
            .Select(o => status.Decorate(kind.Resource, o))
            .Where(fields.Matches)
            .Select(o => (JsonNode)o)
            .ToArray();
        return new JsonObject
        {
            ["kind"] = $"{kind.KindName}List",
            ["apiVersion"] = kind.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentVersion },
            ["items"] = new JsonArray(items),
        };
    }

    private JsonObject Write(Kind kind, ObjectKey key, JsonObject updated, bool dryRun)
    {
        lock (store.Gate)
        {
            var current = Get(key);
            if (updated.Str("metadata", "name") is { } n && n != key.Name)
            {
                throw new BadRequestException($"the name of the object ({n}) does not match the name on the URL ({key.Name})");
            }

            // The resourceVersion the client sent (or left from the object it patched) is the precondition.
            var asked = updated.Str("metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(asked) && asked != current.Str("metadata", "resourceVersion"))
            {
                throw ObjectStore.Conflict(key);
            }

            Validation.Check(kind, updated);

            // Status is a subresource: a write to the object never changes it. Deployments, ReplicaSets and pods
            // have it derived when read; an HPA keeps what the autoscaler last wrote.
            if (kind == Kinds.Hpas)
            {
                updated["status"] = current["status"]?.DeepClone();
            }
            else
            {
                updated.Remove("status");
            }

            var written = store.Replace(key, updated, dryRun);
            if (!dryRun && kind == Kinds.Deployments)
            {
                controller.Reconcile(key);
            }

            return status.Decorate(kind.Resource, written);
        }
    }
}
