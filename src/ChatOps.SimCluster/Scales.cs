using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The <c>deployments/scale</c> subresource: an autoscaling/v1 Scale view of a deployment's replicas. Its status
/// is the deployment's status (the pods that exist), not its spec, so it must be given a decorated deployment.
/// </summary>
public static class Scales
{
    public static JsonObject Of(JsonObject deployment)
    {
        var labels = deployment["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [];
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = deployment.Str("metadata", "name"),
                ["namespace"] = deployment.Str("metadata", "namespace"),
                ["uid"] = deployment.Str("metadata", "uid"),
                ["resourceVersion"] = deployment.Str("metadata", "resourceVersion"),
                ["creationTimestamp"] = deployment.Str("metadata", "creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = deployment.Num("spec", "replicas") ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = deployment.Num("status", "replicas") ?? 0,
                ["selector"] = string.Join(',', labels.Select(p => $"{p.Key}={p.Value}")),
            },
        };
    }

    public static JsonObject Write(ObjectStore store, DeploymentController controller, ObjectKey key, Func<JsonObject, JsonObject> change, bool dryRun, Func<JsonObject, JsonObject> decorate)
    {
        lock (store.Gate)
        {
            var deployment = store.Get(key) ?? throw ObjectStore.NotFound(key);
            var scale = change(Of(decorate((JsonObject)deployment.DeepClone())));
            var asked = scale.Str("metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(asked) && asked != deployment.Str("metadata", "resourceVersion"))
            {
                throw ObjectStore.Conflict(key);
            }

            var replicas = scale.Num("spec", "replicas") ?? 0;
            if (replicas < 0)
            {
                throw new InvalidException("Scale", "autoscaling", key.Name, [FieldError.Invalid("spec.replicas", replicas.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0")]);
            }

            deployment.Obj("spec")["replicas"] = replicas;
            deployment.Remove("status");
            var written = store.Replace(key, deployment, dryRun);
            if (!dryRun)
            {
                controller.Reconcile(key);
            }

            return Of(decorate(written));
        }
    }
}
