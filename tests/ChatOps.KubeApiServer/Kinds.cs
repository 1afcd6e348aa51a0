namespace ChatOps.KubeApiServer;

/// <summary>The resources this server serves, with their group, version and kind.</summary>
public sealed record Kind(string Resource, string Group, string Version, string KindName, string ShortNames)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}

public static class Kinds
{
    public static readonly Kind Deployments = new("deployments", "apps", "v1", "Deployment", "deploy");
    public static readonly Kind ReplicaSets = new("replicasets", "apps", "v1", "ReplicaSet", "rs");
    public static readonly Kind Pods = new("pods", string.Empty, "v1", "Pod", "po");
    public static readonly Kind Hpas = new("horizontalpodautoscalers", "autoscaling", "v2", "HorizontalPodAutoscaler", "hpa");

    public static readonly IReadOnlyList<Kind> All = [Deployments, ReplicaSets, Pods, Hpas];

    public static Kind? Find(string group, string version, string resource) =>
        All.FirstOrDefault(k => k.Group == group && k.Version == version && k.Resource == resource);

    /// <summary>"deployments.apps", as the real server names objects in error messages.</summary>
    public static string Qualified(string resource)
    {
        var kind = All.FirstOrDefault(k => k.Resource == resource);
        return kind is null || kind.Group.Length == 0 ? resource : $"{resource}.{kind.Group}";
    }
}
