using System.Text.Json.Serialization;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// The app-only Microsoft Graph token (OAuth2 client credentials against <c>{LoginUrl}{tenant}/oauth2/v2.0/token</c>,
/// scope <c>https://graph.microsoft.com/.default</c>). One token is shared until <see cref="RefreshBefore"/> its
/// expiry; concurrent callers wait for one request; a rotated secret (Vault) is used from the next fetch on. Neither
/// the secret nor the token is ever logged.
/// </summary>
public sealed class GraphTokenClient(IHttpClientFactory clients, IOptionsMonitor<TeamsOptions> options, TimeProvider clock, ILogger<GraphTokenClient> logger)
{
    public const string HttpClientName = "teams-graph-token";
    public const string Scope = "https://graph.microsoft.com/.default";

    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt, GraphCredentials For)? _cached;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var credentials = GraphCredentials.From(options.CurrentValue)
            ?? throw new GraphException("Microsoft Graph is not configured (ChatOps:Teams:Graph TenantId, ClientId, ClientSecret)");
        if (Fresh(credentials) is { } hit)
        {
            return hit;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(credentials) is { } again)
            {
                return again;
            }

            var fetched = await FetchAsync(credentials, cancellationToken);
            _cached = fetched;
            return fetched.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Graph refused the token (revoked, consent withdrawn): the next call fetches a new one.</summary>
    public void Invalidate() => _cached = null;

    public static Uri Endpoint(GraphOptions graph, string tenant)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return new Uri(new Uri(WithSlash(graph.LoginUrl)), $"{Uri.EscapeDataString(tenant)}/oauth2/v2.0/token");
    }

    internal static string WithSlash(string url) => url.EndsWith('/') ? url : url + "/";

    private string? Fresh(GraphCredentials credentials) =>
        _cached is { } c && c.For == credentials && clock.GetUtcNow() < c.RefreshAt ? c.Token : null;

    private async Task<(string Token, DateTimeOffset RefreshAt, GraphCredentials For)> FetchAsync(GraphCredentials credentials, CancellationToken cancellationToken)
    {
        var requestedAt = clock.GetUtcNow();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
            ["scope"] = Scope,
            ["grant_type"] = "client_credentials",
        });
        using var response = await clients.CreateClient(HttpClientName)
            .PostAsync(Endpoint(options.CurrentValue.Graph, credentials.TenantId), content, cancellationToken);
        TokenResponse? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        }
        catch (JsonException)
        {
            // Reported below with the status code.
        }

        if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(body?.AccessToken))
        {
            // The error code only (e.g. invalid_client): Entra's description may quote request details.
            logger.LogWarning("Microsoft Graph token request failed: HTTP {Status} {Error}", (int)response.StatusCode, body?.Error);
            throw new GraphException($"Microsoft Graph token request failed: HTTP {(int)response.StatusCode} {body?.Error}".TrimEnd());
        }

        var lifetime = TimeSpan.FromSeconds(Math.Max(0, body.ExpiresIn));
        var margin = lifetime > 2 * RefreshBefore ? RefreshBefore : lifetime / 2;
        return (body.AccessToken, requestedAt + lifetime - margin, credentials);
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn,
        [property: JsonPropertyName("error")] string? Error);
}

/// <summary>Graph (or its token endpoint) could not answer; the caller grants nothing.</summary>
public sealed class GraphException(string message) : Exception(message);
