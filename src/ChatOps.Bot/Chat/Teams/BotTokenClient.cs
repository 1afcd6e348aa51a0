using System.Text.Json.Serialization;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// The bot's access token for the Bot Connector API, from the client-credentials flow (app id and password against
/// <c>ChatOps:Teams:TokenEndpoint</c>; a single-tenant bot uses its tenant in place of <c>botframework.com</c>). One
/// token is shared and reused until <see cref="RefreshBefore"/> its expiry; concurrent callers wait for one request.
/// Neither the password nor the token is ever logged.
/// </summary>
public sealed class BotTokenClient(IHttpClientFactory clients, IOptionsMonitor<TeamsOptions> options, TimeProvider clock, ILogger<BotTokenClient> logger)
{
    public const string HttpClientName = "teams-token";
    public const string Scope = "https://api.botframework.com/.default";
    public const string MultiTenantAuthority = "botframework.com";

    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _cached;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && clock.GetUtcNow() < hit.RefreshAt)
        {
            return hit.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() < again.RefreshAt)
            {
                return again.Token;
            }

            var fetched = await FetchAsync(cancellationToken);
            _cached = fetched;
            return fetched.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The Connector refused the token (revoked, rotated password): the next call fetches a new one.</summary>
    public void Invalidate() => _cached = null;

    public static Uri Endpoint(TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.TokenEndpoint;
        if (options.TenantId is { Length: > 0 } tenant && endpoint.Contains($"/{MultiTenantAuthority}/", StringComparison.OrdinalIgnoreCase))
        {
            endpoint = endpoint.Replace($"/{MultiTenantAuthority}/", $"/{Uri.EscapeDataString(tenant)}/", StringComparison.OrdinalIgnoreCase);
        }

        return new Uri(endpoint);
    }

    private async Task<(string Token, DateTimeOffset RefreshAt)> FetchAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var requestedAt = clock.GetUtcNow();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = o.AppId,
            ["client_secret"] = o.AppPassword,
            ["scope"] = Scope,
        });
        using var response = await clients.CreateClient(HttpClientName).PostAsync(Endpoint(o), content, cancellationToken);
        TokenResponse? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            // Reported below with the status code.
        }

        if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(body?.AccessToken))
        {
            // The error code only: the response never echoes the secret, but there is no reason to log its prose.
            logger.LogWarning("Bot Framework token request failed: HTTP {Status} {Error}", (int)response.StatusCode, body?.Error);
            throw new HttpRequestException($"Bot Framework token request failed: HTTP {(int)response.StatusCode} {body?.Error}".TrimEnd());
        }

        var lifetime = TimeSpan.FromSeconds(Math.Max(0, body.ExpiresIn));
        var margin = lifetime > 2 * RefreshBefore ? RefreshBefore : lifetime / 2;
        return (body.AccessToken, requestedAt + lifetime - margin);
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn,
        [property: JsonPropertyName("error")] string? Error);
}
