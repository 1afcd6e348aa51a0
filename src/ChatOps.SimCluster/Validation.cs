using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>The few validation rules of the real API server that a bad patch would hit; all failures are reported at once.</summary>
public static class Validation
{
    public static void Check(Kind kind, JsonObject obj)
    {
        var errors = new List<FieldError>();
        if (kind == Kinds.Hpas)
        {
            var min = obj.Num("spec", "minReplicas") ?? 1;
            var max = obj.Num("spec", "maxReplicas") ?? 0;
            Require(errors, min >= 1, FieldError.Invalid("spec.minReplicas", min, "must be greater than or equal to 1"));
            Require(errors, max >= min, FieldError.Invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
        }
        else if (kind == Kinds.Deployments)
        {
            var replicas = obj.Num("spec", "replicas") ?? 1;
            Require(errors, replicas >= 0, FieldError.Invalid("spec.replicas", replicas, "must be greater than or equal to 0"));
            var selector = obj["spec"]?["selector"]?["matchLabels"] as JsonObject;
            var labels = obj["spec"]?["template"]?["metadata"]?["labels"] as JsonObject;
            Require(errors, LabelSelector.MatchLabels(selector, labels),
                new FieldError("spec.template.metadata.labels", FieldError.InvalidValue, "`selector` does not match template `labels`"));
            Require(errors, obj["spec"]?["template"]?["spec"]?["containers"] is JsonArray { Count: > 0 }, FieldError.Required("spec.template.spec.containers"));

            // Checked on the defaulted object, as the server validates after defaulting: an absent field is 25%.
            var rolling = Defaults.Applied(kind.Resource, obj)["spec"]?["strategy"]?["rollingUpdate"];
            if (rolling is not null && IsZero(rolling["maxUnavailable"]) && IsZero(rolling["maxSurge"]))
            {
                errors.Add(FieldError.Invalid("spec.strategy.rollingUpdate.maxUnavailable", rolling["maxUnavailable"]!.ToJsonString(), "may not be 0 when `maxSurge` is 0"));
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidException(kind.KindName, kind.Group, obj.Str("metadata", "name") ?? string.Empty, errors);
        }
    }

    /// <summary>0 or "0%" (getIntOrPercentValue); anything else, malformed included, is not zero.</summary>
    private static bool IsZero(JsonNode? value) => value?.ToJsonString() is "0" or "\"0%\"";

    private static void Require(List<FieldError> errors, bool ok, FieldError error)
    {
        if (!ok)
        {
            errors.Add(error);
        }
    }
}
