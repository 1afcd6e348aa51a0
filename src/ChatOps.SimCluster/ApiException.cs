using System.Net;

namespace ChatOps.SimCluster;

/// <summary>A failure answered as a Kubernetes <c>Status</c> body with this code and reason.</summary>
public class ApiException(HttpStatusCode code, string reason, string message) : Exception(message)
{
    public HttpStatusCode Code { get; } = code;

    public string Reason { get; } = reason;
}

public sealed class BadRequestException(string message) : ApiException(HttpStatusCode.BadRequest, "BadRequest", message);
