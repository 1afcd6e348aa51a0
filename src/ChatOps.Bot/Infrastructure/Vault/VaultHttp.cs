using System.Net;

namespace ChatOps.Bot.Infrastructure.Vault;

/// <summary>
/// Vault's HTTP API (<c>/v1/…</c>): the token and namespace headers, JSON in and out, and <c>{"errors":[…]}</c>
/// answers turned into a <see cref="VaultException"/> naming the path.
/// </summary>
public sealed class VaultHttp(HttpClient http, VaultOptions options)
{
    private const int MaxErrorText = 200;

    private readonly Uri _root = new(options.Address.TrimEnd('/') + "/v1/");

    public string Address { get; } = options.Address.TrimEnd('/');

    public Task<JsonElement> GetAsync(string path, string token, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, token, cancellationToken);

    public Task<JsonElement> PostAsync(string path, object body, string? token, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, token, cancellationToken);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_root, path));
        if (token is not null)
        {
            request.Headers.Add("X-Vault-Token", token);
        }

        if (options.Namespace.Length > 0)
        {
            request.Headers.Add("X-Vault-Namespace", options.Namespace);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new VaultException($"Vault at {Address} is unreachable ({path}): {ex.Message}", path, null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VaultException($"Vault at {Address} did not answer within {http.Timeout} ({path})", path, null, ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(path, response.StatusCode, text);
            }

            try
            {
                return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new VaultException($"Vault at {Address} answered {path} with something that is not JSON", path, response.StatusCode, ex);
            }
        }
    }

    private static VaultException Failure(string path, HttpStatusCode status, string body)
    {
        var said = Errors(body);
        var code = (int)status;
        var what = status switch
        {
            HttpStatusCode.Forbidden => "denied access to",
            HttpStatusCode.NotFound => "has nothing at (missing, or not permitted)",
            HttpStatusCode.ServiceUnavailable => "is sealed or unavailable for",
            HttpStatusCode.TooManyRequests => "rate-limited",
            _ => "refused",
        };
        return new VaultException($"Vault {what} {path} ({code}{(said.Length > 0 ? ": " + said : string.Empty)})", path, status);
    }

    /// <summary>Vault's own words, which name the problem ("permission denied", "invalid role ID"), cut short.</summary>
    private static string Errors(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var text = string.Join("; ", errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()));
                var line = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
                return line.Length > MaxErrorText ? line[..MaxErrorText] + "…" : line;
            }
        }
        catch (JsonException)
        {
            return string.Empty;
        }

        return string.Empty;
    }
}
