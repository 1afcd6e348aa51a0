using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The real API server's defaulting (pkg/apis/apps/v1 and core/v1 SetDefaults_*) for the fields clients compare:
/// a deployment read back carries its strategy, history limit and deadline, and every pod template the scheduler,
/// DNS, restart and termination settings and per-container pull policy, termination message and port protocol.
/// Without them a client that compares a template it built with one it read (a rollback, an apply) cannot hit the
/// mismatches it hits on a cluster. Only fields still absent are set, so defaulting twice changes nothing and an
/// object that spells out a default is stored the same as one that leaves it out.
/// </summary>
public static class Defaults
{
    public const string TerminationMessagePath = "/dev/termination-log";

    /// <summary>Fills the defaults of a <paramref name="resource"/> object in place; kinds without rules are left alone.</summary>
    public static void Apply(string resource, JsonObject obj)
    {
        switch (resource)
        {
            case "deployments":
                Deployment(obj);
                break;
            case "replicasets":
                ReplicaSet(obj);
                break;
            case "pods" when obj["spec"] is JsonObject spec:
                PodSpec(spec);
                break;
        }
    }

    /// <summary>A defaulted copy, for checks (validation) that must see what will be stored.</summary>
    public static JsonObject Applied(string resource, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        Apply(resource, copy);
        return copy;
    }

    private static void Deployment(JsonObject d)
    {
        if (d["spec"] is not JsonObject spec)
        {
            return;
        }

        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        var strategy = spec.Obj("strategy");
        strategy["type"] ??= "RollingUpdate";
        if (strategy.Str("type") == "RollingUpdate")
        {
            var rolling = strategy.Obj("rollingUpdate");
            rolling["maxUnavailable"] ??= "25%";
            rolling["maxSurge"] ??= "25%";
        }

        Template(spec);
    }

    private static void ReplicaSet(JsonObject rs)
    {
        if (rs["spec"] is JsonObject spec)
        {
            spec["replicas"] ??= 1;
            Template(spec);
        }
    }

    private static void Template(JsonObject workloadSpec)
    {
        if (workloadSpec["template"]?["spec"] is JsonObject podSpec)
        {
            PodSpec(podSpec);
        }
    }

    private static void PodSpec(JsonObject spec)
    {
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["securityContext"] ??= new JsonObject();
        spec["schedulerName"] ??= "default-scheduler";
        foreach (var list in new[] { "initContainers", "containers" })
        {
            foreach (var container in (spec[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                Container(container);
            }
        }
    }

    private static void Container(JsonObject c)
    {
        c["terminationMessagePath"] ??= TerminationMessagePath;
        c["terminationMessagePolicy"] ??= "File";
        c["imagePullPolicy"] ??= PullPolicy(c.Str("image") ?? string.Empty);
        c["resources"] ??= new JsonObject();
        foreach (var port in (c["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
        }
    }

    /// <summary>Always for a <c>:latest</c> or untagged image (a digest counts as pinned), IfNotPresent otherwise.</summary>
    public static string PullPolicy(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            // name@digest is pinned; name:tag@digest still names its tag.
            var named = image[..at];
            var tagged = Tag(named);
            return tagged == "latest" ? "Always" : "IfNotPresent";
        }

        var tag = Tag(image);
        return tag is null or "latest" ? "Always" : "IfNotPresent";
    }

    // The tag follows the last ':' after the last '/', so a registry's port (host:5000/app) is not one.
    private static string? Tag(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? reference[(colon + 1)..] : null;
    }
}
