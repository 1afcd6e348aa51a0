using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The horizontal pod autoscaler for CPU utilization targets. The simulated metric of an HPA is the value set by
/// <see cref="SetUtilization"/>, else its <see cref="UtilizationAnnotation"/> (so <c>kubectl annotate</c> can
/// drive it), else the utilization its status last reported. Like upstream: a ratio within 10% of the target
/// changes nothing, the result is clamped to min/max, scale-downs wait for the highest recommendation of the
/// stabilization window, and a target at 0 replicas is left alone (ScalingDisabled).
/// </summary>
public sealed class HpaController(ObjectStore store, DeploymentController deployments)
{
    public const string UtilizationAnnotation = "sim.chatops.dev/cpu-utilization";
    private const double Tolerance = 0.1;

    private readonly ConcurrentDictionary<ObjectKey, int> _utilization = new();
    private readonly Dictionary<ObjectKey, List<(DateTimeOffset At, long Replicas)>> _recommendations = [];

    /// <summary>The test and sandbox hook: the average CPU utilization (percent of requests) the pods now report.</summary>
    public void SetUtilization(string ns, string name, int percent) =>
        _utilization[new ObjectKey("horizontalpodautoscalers", ns, name)] = percent;

    public void SyncAll()
    {
        lock (store.Gate)
        {
            foreach (var hpa in store.ListAll("horizontalpodautoscalers"))
            {
                Sync(hpa);
            }
        }
    }

    private void Sync(JsonObject hpa)
    {
        var now = store.Clock.GetUtcNow();
        var key = new ObjectKey("horizontalpodautoscalers", hpa.Str("metadata", "namespace")!, hpa.Str("metadata", "name")!);
        var status = hpa["status"]?.DeepClone() as JsonObject ?? [];
        var targetKey = new ObjectKey("deployments", key.Namespace, hpa.Str("spec", "scaleTargetRef", "name") ?? string.Empty);
        var target = hpa.Str("spec", "scaleTargetRef", "kind") == "Deployment" ? store.Get(targetKey) : null;
        if (target is null)
        {
            Set(status, "AbleToScale", "False", "FailedGetScale",
                $"the HPA controller was unable to get the target's current scale: deployments/scale.apps \"{targetKey.Name}\" not found", now);
            store.WriteStatus(key, status);
            return;
        }

        var current = target.Num("spec", "replicas") ?? 1;
        var min = hpa.Num("spec", "minReplicas") ?? 1;
        var max = hpa.Num("spec", "maxReplicas") ?? min;
        status["currentReplicas"] = current;
        Set(status, "AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale", now);
        if (current == 0 && min != 0)
        {
            status["desiredReplicas"] = 0;
            Set(status, "ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero", now);
            store.WriteStatus(key, status);
            return;
        }

        var targetUtilization = hpa["spec"]?["metrics"] is JsonArray metrics
            ? metrics.Select(m => m.Num("resource", "target", "averageUtilization")).FirstOrDefault(u => u is not null)
            : null;
        var utilization = Utilization(key, hpa);
        if (targetUtilization is null or <= 0 || utilization is null)
        {
            Set(status, "ScalingActive", "False", "FailedGetResourceMetric",
                "the HPA was unable to compute the replica count: no cpu utilization target or metric", now);
            store.WriteStatus(key, status);
            return;
        }

        var ratio = (double)utilization.Value / targetUtilization.Value;
        var recommended = Math.Abs(ratio - 1) <= Tolerance ? current : (long)Math.Ceiling(ratio * current);
        Set(status, "ScalingActive", "True", "ValidMetricFound",
            "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)", now);
        var desired = Math.Clamp(recommended, min, max);
        if (recommended > max)
        {
            Set(status, "ScalingLimited", "True", "TooManyReplicas", "the desired replica count is more than the maximum replica count", now);
        }
        else if (recommended < min)
        {
            Set(status, "ScalingLimited", "True", "TooFewReplicas", "the desired replica count is less than the minimum replica count", now);
        }
        else
        {
            Set(status, "ScalingLimited", "False", "DesiredWithinRange", "the desired count is within the acceptable range", now);
        }

        var stabilized = Stabilize(key, hpa, desired, now);
        status["desiredReplicas"] = stabilized;
        status["currentMetrics"] = new JsonArray(new JsonObject
        {
            ["type"] = "Resource",
            ["resource"] = new JsonObject { ["name"] = "cpu", ["current"] = new JsonObject { ["averageUtilization"] = utilization.Value } },
        });
        if (stabilized != current)
        {
            target.Obj("spec")["replicas"] = stabilized;
            store.Replace(targetKey, target);
            deployments.Reconcile(targetKey);
            status["lastScaleTime"] = Json.Time(now);
            Set(status, "AbleToScale", "True", "SucceededRescale", $"the HPA controller was able to update the target scale to {stabilized}", now);
        }
        else if (stabilized > desired)
        {
            Set(status, "AbleToScale", "True", "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation", now);
        }
        else
        {
            Set(status, "AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size", now);
        }

        store.WriteStatus(key, status);
    }

    private int? Utilization(ObjectKey key, JsonObject hpa)
    {
        if (_utilization.TryGetValue(key, out var set))
        {
            return set;
        }

        if (int.TryParse(hpa.Str("metadata", "annotations", UtilizationAnnotation), CultureInfo.InvariantCulture, out var annotated))
        {
            return annotated;
        }

        return hpa["status"]?["currentMetrics"] is JsonArray metrics
            ? (int?)metrics.Select(m => m.Num("resource", "current", "averageUtilization")).FirstOrDefault(u => u is not null)
            : null;
    }

    /// <summary>A scale-down takes the highest recommendation of the window (default 300 s), so a dip does not flap.</summary>
    private long Stabilize(ObjectKey key, JsonObject hpa, long desired, DateTimeOffset now)
    {
        var window = TimeSpan.FromSeconds(hpa.Num("spec", "behavior", "scaleDown", "stabilizationWindowSeconds") ?? 300);
        if (!_recommendations.TryGetValue(key, out var history))
        {
            history = [];
            _recommendations[key] = history;
        }

        history.RemoveAll(r => r.At < now - window);
        history.Add((now, desired));
        return history.Max(r => r.Replicas);
    }

    private static void Set(JsonObject status, string type, string value, string reason, string message, DateTimeOffset now)
    {
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["lastTransitionTime"] = Json.Time(now),
            ["reason"] = reason,
            ["message"] = message,
        };
        var conditions = status["conditions"] as JsonArray ?? (JsonArray)(status["conditions"] = new JsonArray());
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        if (existing is null)
        {
            conditions.Add(condition);
            return;
        }

        // The transition time is when the status last flipped, however often the reason or message changed.
        if (existing.Str("status") == value)
        {
            condition["lastTransitionTime"] = existing["lastTransitionTime"]?.DeepClone();
        }

        conditions[conditions.IndexOf(existing)] = condition;
    }
}
