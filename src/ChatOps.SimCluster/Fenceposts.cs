using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// maxSurge and maxUnavailable resolved against the desired replicas as the deployment controller does: a
/// percentage of surge rounds up, of unavailability down, and when both come out 0 one pod may be unavailable,
/// or the rollout could never start.
/// </summary>
public static class Fenceposts
{
    public static (long Surge, long Unavailable) Resolve(JsonObject deployment)
    {
        var desired = deployment.Num("spec", "replicas") ?? 1;
        var rolling = deployment["spec"]?["strategy"]?["rollingUpdate"];
        var surge = Scaled(rolling?["maxSurge"], desired, roundUp: true);
        var unavailable = Scaled(rolling?["maxUnavailable"], desired, roundUp: false);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    public static bool IsRecreate(JsonObject deployment) => deployment.Str("spec", "strategy", "type") == "Recreate";

    /// <summary>How many of the desired replicas may be unavailable; what the Available condition is measured by.</summary>
    public static long MaxUnavailable(JsonObject deployment)
    {
        var desired = deployment.Num("spec", "replicas") ?? 1;
        return IsRecreate(deployment) || desired == 0 ? 0 : Math.Min(Resolve(deployment).Unavailable, desired);
    }

    private static long Scaled(JsonNode? value, long desired, bool roundUp)
    {
        var text = value is null ? "25%" : value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString();
        if (!text.EndsWith('%'))
        {
            return long.Parse(text, CultureInfo.InvariantCulture);
        }

        var percent = decimal.Parse(text[..^1], CultureInfo.InvariantCulture);
        var exact = percent * desired / 100m;
        return (long)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
    }
}
