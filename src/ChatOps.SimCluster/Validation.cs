using System.Net;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>The few validation rules of the real API server that a bad patch would hit.</summary>
public static class Validation
{
    public static void Check(Kind kind, JsonObject obj)
    {
        if (kind != Kinds.Deployments)
        {
            if (kind == Kinds.Hpas)
            {
                var min = obj.Num("spec", "minReplicas") ?? 1;
                var max = obj.Num("spec", "maxReplicas") ?? 0;
                Require(min >= 1, kind, obj, $"spec.minReplicas: Invalid value: {min}: must be greater than or equal to 1");
                Require(max >= min, kind, obj, $"spec.maxReplicas: Invalid value: {max}: must be greater than or equal to `minReplicas`");
            }

            return;
        }

        var replicas = obj.Num("spec", "replicas") ?? 1;
        Require(replicas >= 0, kind, obj, $"spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0");
        var selector = obj["spec"]?["selector"]?["matchLabels"] as JsonObject;
        var labels = obj["spec"]?["template"]?["metadata"]?["labels"] as JsonObject;
        Require(LabelSelector.MatchLabels(selector, labels), kind, obj, "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`");
        Require(obj["spec"]?["template"]?["spec"]?["containers"] is JsonArray { Count: > 0 }, kind, obj, "spec.template.spec.containers: Required value");
    }

    private static void Require(bool ok, Kind kind, JsonObject obj, string message)
    {
        if (!ok)
        {
            throw new ApiException(HttpStatusCode.UnprocessableEntity, "Invalid", $"{kind.KindName}.{kind.Group} \"{obj.Str("metadata", "name")}\" is invalid: {message}");
        }
    }
}
