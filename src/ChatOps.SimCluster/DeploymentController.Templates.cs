using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>A template change: the ReplicaSet that carries a template, named by its hash, with the deployment's annotations.</summary>
public sealed partial class DeploymentController
{
    private static JsonNode? WithoutHash(JsonNode? template)
    {
        var copy = template?.DeepClone();
        (copy?["metadata"]?["labels"] as JsonObject)?.Remove(HashLabel);
        return copy;
    }

    private void CreateReplicaSet(ObjectKey key, JsonObject deployment, JsonNode template, long revision)
    {
        var hash = KubeNames.TemplateHash(template);
        var name = $"{deployment.Str("metadata", "name")}-{hash}";
        var podTemplate = (JsonObject)template.DeepClone();
        podTemplate.Obj("metadata").Obj("labels")[HashLabel] = hash;
        var selector = (JsonObject)(deployment["spec"]?["selector"]?.DeepClone() ?? new JsonObject());
        selector.Obj("matchLabels")[HashLabel] = hash;
        var labels = (JsonObject)podTemplate["metadata"]!["labels"]!.DeepClone();
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = deployment.Str("metadata", "namespace"),
                ["labels"] = labels,
                ["annotations"] = new JsonObject { [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture) },
                ["ownerReferences"] = new JsonArray(Owner(deployment, "apps/v1", "Deployment")),
            },
            ["spec"] = new JsonObject { ["replicas"] = 0, ["selector"] = selector, ["template"] = podTemplate },
        };
        CopyAnnotations(deployment, rs);
        store.Create(RsKey(rs), rs);

        var status = deployment["status"]?.DeepClone() as JsonObject ?? [];
        StatusView.Set(status, StatusView.Condition(StatusView.Progressing, "True", "NewReplicaSetCreated", $"Created new replica set \"{name}\"", store.Clock.GetUtcNow()));
        store.WriteStatus(key, status);
    }

    /// <summary>Returns whether the ReplicaSet's copied annotations changed (and writes them when it is stored).</summary>
    private bool CopyAnnotations(JsonObject deployment, JsonObject rs)
    {
        var target = rs.Obj("metadata").Obj("annotations");
        var before = target.DeepClone();
        foreach (var (k, v) in deployment["metadata"]?["annotations"] as JsonObject ?? [])
        {
            if (!NotCopied.Contains(k))
            {
                target[k] = v?.DeepClone();
            }
        }

        var desired = deployment.Num("spec", "replicas") ?? 1;
        target["deployment.kubernetes.io/desired-replicas"] = desired.ToString(CultureInfo.InvariantCulture);
        target["deployment.kubernetes.io/max-replicas"] = (desired + Fenceposts.Resolve(deployment).Surge).ToString(CultureInfo.InvariantCulture);
        if (Json.DeepEquals(before, target))
        {
            return false;
        }

        if (store.Get(RsKey(rs)) is not null)
        {
            store.Replace(RsKey(rs), rs);
        }

        return true;
    }
}
