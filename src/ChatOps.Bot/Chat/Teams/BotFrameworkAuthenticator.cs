using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// Checks the bearer token of an incoming activity the way the Bot Framework SDKs do: a JWT signed (RS256/384/512)
/// by a key from Bot Framework's OpenID metadata, issued by <c>https://api.botframework.com</c> for our app id, within
/// its lifetime (5 minutes of clock skew), with a key endorsed for the activity's channel and a <c>serviceurl</c>
/// claim equal to the activity's service URL — so a token for one service URL cannot make us post to another.
/// </summary>
public sealed class BotFrameworkAuthenticator(IBotFrameworkKeys keys, IOptionsMonitor<TeamsOptions> options)
{
    public const string Issuer = "https://api.botframework.com";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>Bot Framework tokens are about 1.5 KB; anything far beyond that is not one and is not parsed.</summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>
    /// Null when the request is authentic; otherwise a reason fit for the log (never the token itself). Without an
    /// <paramref name="activity"/> (the body was not one) only the token is checked, so a caller without a valid token
    /// learns nothing about what the body should have been.
    /// </summary>
    public async Task<string?> CheckAsync(string? authorization, TeamsActivity? activity, CancellationToken cancellationToken)
    {
        var appId = options.CurrentValue.AppId;
        if (string.IsNullOrEmpty(appId))
        {
            return "ChatOps:Teams:AppId is not configured";
        }

        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "no bearer token";
        }

        var token = authorization["Bearer ".Length..].Trim();
        if (token.Length > MaxTokenLength)
        {
            return "malformed token: too long";
        }

        // A signed JWT has exactly three segments; five would be an encrypted one, which Bot Framework never sends and
        // which the handler would otherwise try to decrypt.
        if (token.Count(c => c == '.') != 2 || Read(token) is not { } jwt)
        {
            return "malformed token";
        }

        if (!Algorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return $"signature algorithm '{Printable(jwt.Alg)}' not accepted";
        }

        if (string.IsNullOrEmpty(jwt.Kid) || await keys.FindAsync(jwt.Kid, cancellationToken) is not { } key)
        {
            return "unknown signing key";
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = appId,
            ValidAlgorithms = Algorithms,
            IssuerSigningKey = key.Key,
            ClockSkew = ClockSkew,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
        });
        if (!result.IsValid)
        {
            return $"invalid token: {result.Exception?.GetType().Name ?? "rejected"}";
        }

        if (activity is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(activity.ChannelId) || !key.Endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            return $"signing key not endorsed for channel '{Printable(activity.ChannelId)}'";
        }

        var serviceUrl = ServiceUrlClaim(jwt);
        if (string.IsNullOrEmpty(serviceUrl) || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return "serviceurl claim does not match the activity";
        }

        return null;
    }

    /// <summary>
    /// Tenants listed in <c>AllowedTenantIds</c> (and the single tenant of <c>TenantId</c>). An empty list refuses every
    /// tenant: a bot that can change production must be told explicitly whom to listen to.
    /// </summary>
    public bool IsTenantAllowed(string? tenantId)
    {
        var o = options.CurrentValue;
        return !string.IsNullOrEmpty(tenantId) &&
            (o.AllowedTenantIds.Contains(tenantId, StringComparer.OrdinalIgnoreCase) || string.Equals(o.TenantId, tenantId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The token is attacker input and the parser reports its many kinds of damage (bad base64, a header that is not
    /// a JSON object, claims of the wrong type) with as many exception types; every one of them means "malformed".
    /// Parsing is in memory only, so nothing else can fail here.
    /// </summary>
    private JsonWebToken? Read(string token)
    {
        try
        {
            var jwt = _handler.ReadJsonWebToken(token);
            _ = jwt.Alg;
            _ = jwt.Kid;
            return jwt;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or System.Text.Json.JsonException or InvalidOperationException or SecurityTokenException)
        {
            return null;
        }
    }

    private static string? ServiceUrlClaim(JsonWebToken jwt)
    {
        try
        {
            return jwt.TryGetPayloadValue<string>("serviceurl", out var claim) ? claim : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Attacker-chosen text in a log line: short, and without line breaks that could forge another line.</summary>
    private static string Printable(string? value)
    {
        var text = new string((value ?? string.Empty).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
