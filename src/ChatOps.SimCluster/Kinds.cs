namespace ChatOps.SimCluster;

/// <summary>The resources this server serves, with their group, version and kind.</summary>
public sealed record Kind(string Resource, string Group, string Version, string KindName, string? ShortNames, bool Namespaced = true)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}

public static class Kinds
{
    public static readonly Kind Deployments = new("deployments", "apps", "v1", "Deployment", "deploy");
    public static readonly Kind ReplicaSets = new("replicasets", "apps", "v1", "ReplicaSet", "rs");
    public static readonly Kind Pods = new("pods", string.Empty, "v1", "Pod", "po");
    public static readonly Kind Hpas = new("horizontalpodautoscalers", "autoscaling", "v2", "HorizontalPodAutoscaler", "hpa");
    public static readonly Kind Events = new("events", string.Empty, "v1", "Event", "ev");

    // The kinds of the bot's own manifests (manifests/*.yaml): served for create, so `kubectl apply
    // --dry-run=server` can check them; only deployments have the server's validation rules here.
    public static readonly Kind Namespaces = new("namespaces", string.Empty, "v1", "Namespace", "ns", Namespaced: false);
    public static readonly Kind ServiceAccounts = new("serviceaccounts", string.Empty, "v1", "ServiceAccount", "sa");
    public static readonly Kind ConfigMaps = new("configmaps", string.Empty, "v1", "ConfigMap", "cm");
    public static readonly Kind Services = new("services", string.Empty, "v1", "Service", "svc");
    public static readonly Kind PodDisruptionBudgets = new("poddisruptionbudgets", "policy", "v1", "PodDisruptionBudget", "pdb");
    public static readonly Kind NetworkPolicies = new("networkpolicies", "networking.k8s.io", "v1", "NetworkPolicy", "netpol");
    public static readonly Kind ClusterRoles = new("clusterroles", "rbac.authorization.k8s.io", "v1", "ClusterRole", null, Namespaced: false);
    public static readonly Kind RoleBindings = new("rolebindings", "rbac.authorization.k8s.io", "v1", "RoleBinding", null);

    public static readonly IReadOnlyList<Kind> All =
    [
        Deployments, ReplicaSets, Pods, Hpas, Events,
        Namespaces, ServiceAccounts, ConfigMaps, Services, PodDisruptionBudgets, NetworkPolicies, ClusterRoles, RoleBindings,
    ];

    public static bool IsClusterScoped(string resource) => All.Any(k => k.Resource == resource && !k.Namespaced);

    public static Kind? Find(string group, string version, string resource) =>
        All.FirstOrDefault(k => k.Group == group && k.Version == version && k.Resource == resource);

    /// <summary>"deployments.apps", as the real server names objects in error messages.</summary>
    public static string Qualified(string resource)
    {
        var kind = All.FirstOrDefault(k => k.Resource == resource);
        return kind is null || kind.Group.Length == 0 ? resource : $"{resource}.{kind.Group}";
    }
}
