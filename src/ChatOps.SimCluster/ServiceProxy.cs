using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace ChatOps.SimCluster;

/// <summary>
/// The <c>services/{name}:{port}/proxy/{path}</c> subresource. The sim has no pod network, so a test registers the
/// loopback server that stands for a service port's endpoints; the answer is passed through as that server gave it,
/// and what the real API server answers itself (unknown service or port, no endpoints, connection refused) is a
/// v1 Status with its message.
/// </summary>
public sealed class ServiceProxy(ObjectStore store) : IDisposable
{
    private readonly ConcurrentDictionary<(string Ns, string Service, int Port), Uri> _endpoints = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Where the service port's pods answer; without one the service has no endpoints.</summary>
    public void Register(string ns, string service, int port, Uri endpoint) => _endpoints[(ns, service, port)] = endpoint;

    public static bool Handles(ApiCall call) => call is { Resource: "services", Subresource: "proxy" };

    public async Task ServeAsync(HttpContext context, ApiCall call)
    {
        if (call.Verb != "get")
        {
            throw new ApiException(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        var colon = call.Name.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? call.Name : call.Name[..colon];
        var portText = colon < 0 ? string.Empty : call.Name[(colon + 1)..];
        var service = store.Get(new ObjectKey("services", call.Namespace, name)) ?? throw ObjectStore.NotFound(new ObjectKey("services", call.Namespace, name));
        var port = (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(p => (p.Str("name") ?? string.Empty) == portText || p["port"]?.GetValue<int>().ToString(CultureInfo.InvariantCulture) == portText)
            ?? throw Unavailable($"no service port \"{portText}\" found for service \"{name}\"");
        if (!_endpoints.TryGetValue((call.Namespace, name, port["port"]!.GetValue<int>()), out var endpoint))
        {
            throw Unavailable($"no endpoints available for service \"{call.Name}\"");
        }

        var marker = $"/services/{call.Name}/proxy";
        var rest = call.Path[(call.Path.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
        HttpResponseMessage answer;
        try
        {
            answer = await _http.GetAsync(new Uri(endpoint, (rest.Length == 0 ? "/" : rest) + call.Query), HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable($"error trying to reach service: dial tcp {endpoint.Authority}: connect: connection refused ({ex.HttpRequestError})");
        }

        using (answer)
        {
            context.Response.StatusCode = (int)answer.StatusCode;
            if (answer.Content.Headers.ContentType is { } type)
            {
                context.Response.ContentType = type.ToString();
            }

            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    private static ApiException Unavailable(string message) => new(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", message);

    public void Dispose() => _http.Dispose();
}
