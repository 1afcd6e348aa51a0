using System.Diagnostics;
using System.Net;
using ChatOps.Bot.Features.Kubernetes;
using k8s;
using k8s.Models;

namespace ChatOps.Bot.Infrastructure.Kubernetes;

/// <summary>health: list services and get services/proxy, nothing else (manifests/rbac.yaml).</summary>
public sealed partial class KubernetesAdapter
{
    public async Task<IReadOnlyList<ServiceView>> ListServicesAsync(KubeTarget target, string? name, CancellationToken cancellationToken)
    {
        var list = await Call(target, "list", "services", name is null ? "services" : $"service {name}",
            (k, ct) => k.CoreV1.ListNamespacedServiceAsync(target.Namespace, fieldSelector: name is null ? null : $"metadata.name={name}", cancellationToken: ct), cancellationToken);
        return list.Items.Where(s => name is null || s.Metadata.Name == name).OrderBy(s => s.Metadata.Name, StringComparer.Ordinal).Select(Service).ToList();
    }

    public async Task<IReadOnlyDictionary<string, string>> GetPodTemplateLabelsAsync(KubeTarget target, string deployment, CancellationToken cancellationToken)
    {
        var d = await ReadDeployment(target, deployment, cancellationToken);
        return d.Spec.Template?.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : [];
    }

    /// <summary>
    /// A raw GET on the client's own HttpClient and credentials: the generated proxy call escapes the path's slashes
    /// and reads any error body whole, while here every status is an answer and the body is read up to the cap.
    /// </summary>
    public Task<ProxyAnswer> ProxyGetAsync(KubeTarget target, string service, string port, string path, int maxBytes, CancellationToken cancellationToken) =>
        Call(target, "get", "services/proxy", $"service {service}:{port}", async (k, ct) =>
        {
            var client = (k8s.Kubernetes)k;
            // Names and port are DNS-1123 / digits (validated), so they need no escaping.
            var prefix = $"{client.BaseUri.AbsolutePath.TrimEnd('/')}/api/v1/namespaces/{target.Namespace}/services/{service}:{port}/proxy";
            var uri = new Uri(client.BaseUri, prefix + path);

            // Read back what is about to be called: a path that resolved outside the proxy would be a GET of
            // another API object with the bot's credentials.
            if (uri.AbsolutePath != prefix && !uri.AbsolutePath.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                throw new KubernetesFailure(KubernetesFailureKind.Invalid, $"the health path '{path}' leaves the service proxy; nothing was called");
            }

            using var message = new HttpRequestMessage(HttpMethod.Get, uri);
            message.Headers.Accept.ParseAdd("application/json, text/plain;q=0.9, */*;q=0.5");
            if (client.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(message, ct);
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await client.HttpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
            var (body, truncated) = await ReadCapped(response, maxBytes, ct);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var refusal = (int)response.StatusCode >= 400 ? StatusMessage(body) : null;
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && refusal is not null)
            {
                throw new KubernetesFailure(KubernetesFailureKind.Forbidden, response.StatusCode == HttpStatusCode.Forbidden
                    ? $"the bot's service account is forbidden to get services/proxy in namespace {target.Namespace} on cluster {target.Cluster}; grant it in manifests/rbac.yaml"
                    : $"cluster {target.Cluster} did not accept the bot's credentials (401); check its kubeconfig or service account token");
            }

            return new ProxyAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, truncated, elapsed, refusal);
        }, cancellationToken);

    private static async Task<(string Body, bool Truncated)> ReadCapped(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return (Encoding.UTF8.GetString(buffer, 0, Math.Min(read, maxBytes)), read > maxBytes);
    }

    /// <summary>
    /// The API server answers a proxy it could not complete (no endpoints, connection refused) with a v1 Status of its
    /// own; a service's answer, even a 503, is passed through as the service sent it.
    /// </summary>
    private static string? StatusMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var kind) && kind.GetString() == "Status"
                && root.TryGetProperty("apiVersion", out var v) && v.GetString() == "v1" && root.TryGetProperty("message", out var m)
                ? m.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ServiceView Service(V1Service s) => new(
        s.Metadata.Name,
        s.Spec?.Selector is { } selector ? new Dictionary<string, string>(selector, StringComparer.Ordinal) : [],
        s.Spec?.Ports?.Select(p => new ServicePortView(p.Name ?? string.Empty, p.Port)).ToList() ?? []);
}
