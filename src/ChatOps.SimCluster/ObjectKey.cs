namespace ChatOps.SimCluster;

/// <summary>Where an object lives: resource (plural, e.g. <c>deployments</c>), namespace and name.</summary>
public sealed record ObjectKey(string Resource, string Namespace, string Name)
{
    public override string ToString() => $"{Resource}/{Namespace}/{Name}";
}
