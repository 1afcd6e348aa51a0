namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>A request on one object in one namespace of one cluster; its scope is what role bindings match.</summary>
public interface IKubernetesRequest : IRequiresRole
{
    /// <summary>The configured cluster name, or empty when none was given and none is the default.</summary>
    string Cluster { get; }

    string Namespace { get; }

    string Name { get; }
}

/// <summary>A request on a whole namespace (a list): it names no object, so its <see cref="IKubernetesRequest.Name"/> is empty.</summary>
public interface INamespaceWideRequest : IKubernetesRequest;

public static class KubernetesRequestExtensions
{
    public static KubeTarget Target(this IKubernetesRequest request) => new(request.Cluster, request.Namespace);
}
