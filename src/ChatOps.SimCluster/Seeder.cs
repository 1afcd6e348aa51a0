using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// Creates starting states the way a cluster would reach them: a deployment, then one template change per
/// revision, each reconciled by the controller so ReplicaSets carry real revision history.
/// </summary>
public sealed class Seeder(ObjectStore store, DeploymentController controller)
{
    public const string ChangeCause = "kubernetes.io/change-cause";

    /// <summary>A deployment whose revisions run the given images in order (the last one is current).</summary>
    public JsonObject Deployment(string ns, string name, int replicas, params string[] images)
    {
        var key = new ObjectKey("deployments", ns, name);
        Namespaces.Ensure(store, ns);
        for (var i = 0; i < images.Length; i++)
        {
            var cause = $"deploy {images[i]}";
            if (i == 0)
            {
                store.Create(key, NewDeployment(ns, name, replicas, images[i], cause));
            }
            else
            {
                SetImage(ns, name, images[i], cause);
            }

            controller.Reconcile(key);
        }

        return store.Get(key)!;
    }

    /// <summary>A ClusterIP Service selecting <paramref name="selector"/>, serving each (name, port) on the same target port.</summary>
    public JsonObject Service(string ns, string name, IReadOnlyDictionary<string, string> selector, params (string Name, int Port)[] ports)
    {
        Namespaces.Ensure(store, ns);
        var service = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject
            {
                ["type"] = "ClusterIP",
                ["selector"] = new JsonObject(selector.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
                ["ports"] = new JsonArray(ports.Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = p.Name,
                    ["port"] = p.Port,
                    ["targetPort"] = p.Port,
                    ["protocol"] = "TCP",
                }).ToArray()),
            },
        };
        return store.Create(new ObjectKey("services", ns, name), service);
    }

    /// <summary>What <c>kubectl set image ... --record</c> would do: a new template and its change-cause.</summary>
    public void SetImage(string ns, string name, string image, string? cause = null)
    {
        var key = new ObjectKey("deployments", ns, name);
        var d = store.Get(key) ?? throw ObjectStore.NotFound(key);
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image;
        d.Obj("metadata").Obj("annotations")[ChangeCause] = cause ?? $"deploy {image}";
        store.Replace(key, d);
        controller.Reconcile(key);
    }

    public void Update(string ns, string name, Action<JsonObject> change, string resource = "deployments")
    {
        var key = new ObjectKey(resource, ns, name);
        var o = store.Get(key) ?? throw ObjectStore.NotFound(key);
        change(o);
        store.Replace(key, o);
        if (resource == "deployments")
        {
            controller.Reconcile(key);
        }
    }

    public JsonObject Hpa(string ns, string name, string deployment, int min, int max, int targetCpu = 60, int currentCpu = 42, int current = 3)
    {
        var hpa = new JsonObject
        {
            ["apiVersion"] = "autoscaling/v2",
            ["kind"] = "HorizontalPodAutoscaler",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject
            {
                ["scaleTargetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = deployment },
                ["minReplicas"] = min,
                ["maxReplicas"] = max,
                ["metrics"] = CpuMetric("target", new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = targetCpu }),
            },
            ["status"] = new JsonObject
            {
                ["currentReplicas"] = current,
                ["desiredReplicas"] = current,
                ["currentMetrics"] = CpuMetric("current", new JsonObject { ["averageUtilization"] = currentCpu }),
            },
        };
        Namespaces.Ensure(store, ns);
        return store.Create(new ObjectKey("horizontalpodautoscalers", ns, name), hpa);
    }

    /// <summary>A one-entry metrics list for CPU, as autoscaling/v2 writes both the spec's targets and the status' readings.</summary>
    private static JsonArray CpuMetric(string field, JsonObject value) => new(new JsonObject
    {
        ["type"] = "Resource",
        ["resource"] = new JsonObject { ["name"] = "cpu", [field] = value },
    });

    /// <summary>
    /// Loads a seed file: <c>{"namespaces": {"urbanos": {"deployments": [{"name", "replicas", "images": []}],
    /// "hpas": [{"name", "deployment", "min", "max", "targetCpu", "currentCpu"}]}}}</c>.
    /// </summary>
    public void Load(string path)
    {
        var root = Json.Parse(File.ReadAllText(path));
        foreach (var (ns, content) in root["namespaces"] as JsonObject ?? [])
        {
            foreach (var d in content?["deployments"] as JsonArray ?? [])
            {
                var images = (d!["images"] as JsonArray ?? []).Select(i => i!.GetValue<string>()).ToArray();
                Deployment(ns, d.Str("name")!, (int)(d.Num("replicas") ?? 1), images);
            }

            foreach (var h in content?["hpas"] as JsonArray ?? [])
            {
                Hpa(ns, h.Str("name")!, h.Str("deployment")!, (int)(h.Num("min") ?? 1), (int)(h.Num("max") ?? 10),
                    (int)(h.Num("targetCpu") ?? 60), (int)(h.Num("currentCpu") ?? 40), (int)(h.Num("current") ?? 1));
            }
        }
    }

    private static JsonObject NewDeployment(string ns, string name, int replicas, string image, string cause)
    {
        var app = name;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { ["app"] = app },
                ["annotations"] = new JsonObject { [ChangeCause] = cause },
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["revisionHistoryLimit"] = 10,
                ["progressDeadlineSeconds"] = 600,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app } },
                ["strategy"] = new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" },
                },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } },
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = name,
                            ["image"] = image,
                            ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8090, ["protocol"] = "TCP" }),
                            ["resources"] = new JsonObject
                            {
                                ["requests"] = new JsonObject { ["cpu"] = "500m", ["memory"] = "512Mi" },
                                ["limits"] = new JsonObject { ["cpu"] = "1", ["memory"] = "1Gi" },
                            },
                            ["env"] = new JsonArray(new JsonObject { ["name"] = "TENANT", ["value"] = ns }),
                            ["imagePullPolicy"] = "IfNotPresent",
                        }),
                        ["restartPolicy"] = "Always",
                        ["terminationGracePeriodSeconds"] = 30,
                        ["dnsPolicy"] = "ClusterFirst",
                    },
                },
            },
        };
    }
}
