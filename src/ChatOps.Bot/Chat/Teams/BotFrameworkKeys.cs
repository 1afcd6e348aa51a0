using Microsoft.IdentityModel.Tokens;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// Bot Framework's signing keys: the OpenID metadata at <c>ChatOps:Teams:OpenIdMetadataUrl</c> names the
/// <c>jwks_uri</c>, whose keys carry <c>endorsements</c> (the channels each key may sign for). The set is cached for
/// <see cref="CacheFor"/> and refetched early when a token names an unknown key (keys rotate), at most once per
/// <see cref="MinRefreshInterval"/> so forged key ids cannot make us hammer the metadata endpoint. A failed fetch
/// counts too: while the endpoint is down, callers get <see cref="BotFrameworkKeysUnavailableException"/> without
/// another request going out.
/// </summary>
public sealed class BotFrameworkKeys(IHttpClientFactory clients, IOptionsMonitor<TeamsOptions> options, TimeProvider clock, ILogger<BotFrameworkKeys> logger)
    : IBotFrameworkKeys
{
    public const string HttpClientName = "teams-openid";

    public static readonly TimeSpan CacheFor = TimeSpan.FromHours(12);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, BotFrameworkKey> _keys = new Dictionary<string, BotFrameworkKey>();
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _failedAt = DateTimeOffset.MinValue;
    private string _failure = string.Empty;

    /// <summary>Settable so tests can rotate keys without waiting.</summary>
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    public async Task<BotFrameworkKey?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - _fetchedAt < CacheFor && _keys.TryGetValue(kid, out var key))
        {
            return key;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var age = clock.GetUtcNow() - _fetchedAt;
            var stale = age >= CacheFor;
            if (!stale && _keys.TryGetValue(kid, out key))
            {
                return key;
            }

            if (stale || age >= MinRefreshInterval)
            {
                if (clock.GetUtcNow() - _failedAt < MinRefreshInterval)
                {
                    if (stale)
                    {
                        throw new BotFrameworkKeysUnavailableException(_failure);
                    }

                    return null;
                }

                try
                {
                    _keys = await FetchAsync(cancellationToken);
                    _fetchedAt = clock.GetUtcNow();
                }
                catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException
                    || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    _failedAt = clock.GetUtcNow();
                    _failure = $"Bot Framework signing keys unavailable: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}";
                    logger.LogWarning("{Failure}", _failure);
                    if (stale)
                    {
                        throw new BotFrameworkKeysUnavailableException(_failure, ex);
                    }

                    return null;
                }
            }

            return _keys.GetValueOrDefault(kid);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, BotFrameworkKey>> FetchAsync(CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(HttpClientName);
        using var metadata = JsonDocument.Parse(await http.GetStringAsync(new Uri(options.CurrentValue.OpenIdMetadataUrl), cancellationToken));
        var jwksUri = metadata.RootElement.GetProperty("jwks_uri").GetString()
            ?? throw new InvalidOperationException("OpenID metadata has no jwks_uri");
        var jwks = await http.GetStringAsync(new Uri(jwksUri), cancellationToken);

        var keys = new Dictionary<string, BotFrameworkKey>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(jwks);
        foreach (var element in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            var jwk = new JsonWebKey(element.GetRawText());
            if (string.IsNullOrEmpty(jwk.Kid))
            {
                continue;
            }

            var endorsements = element.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
            keys[jwk.Kid] = new BotFrameworkKey(jwk, endorsements);
        }

        logger.LogInformation("Bot Framework signing keys loaded: {Count}", keys.Count);
        return keys;
    }
}
