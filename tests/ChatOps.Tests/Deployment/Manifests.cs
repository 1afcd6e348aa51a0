using ChatOps.Tests.Fakes;
using k8s;

namespace ChatOps.Tests.Deployment;

/// <summary>Every Kubernetes object under manifests/, parsed into the client's typed models (a misspelt field or kind fails here).</summary>
internal static class Manifests
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "manifests");

    /// <summary>The YAML files that hold Kubernetes objects (slack-app.yaml is Slack's app manifest, not one).</summary>
    public static IReadOnlyList<string> KubernetesFiles { get; } = Directory.GetFiles(Folder, "*.yaml")
        .Where(f => File.ReadAllText(f).Contains("apiVersion:", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<object> Objects { get; } = KubernetesFiles
        .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f)))
        .ToList();

    public static T Single<T>() => Objects.OfType<T>().ShouldHaveSingleItem();
}
