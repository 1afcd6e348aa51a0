namespace ChatOps.SimCluster;

/// <summary>
/// One request as the server understood it, in RBAC terms (verb, API group, resource, subresource), with what
/// was sent, so tests can check least privilege and observe exactly what kubectl and the bot send.
/// </summary>
public sealed record ApiCall(
    string Method,
    string Path,
    string Query,
    string Verb,
    string Group,
    string Resource,
    string Subresource,
    string Namespace,
    string Name,
    string ContentType,
    string Body,
    string UserAgent)
{
    /// <summary><c>deployments/scale</c> or <c>pods</c>: the resource as an RBAC rule names it.</summary>
    public string RbacResource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";

    public bool IsDiscovery => Resource.Length == 0;
}
