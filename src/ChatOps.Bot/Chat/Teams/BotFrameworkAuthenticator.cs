using ChatOps.Bot.Configuration;
using Microsoft.Extensions.Options;
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

    /// <summary>Null when the request is authentic; otherwise a reason fit for the log (never the token itself).</summary>
    public async Task<string?> CheckAsync(string? authorization, TeamsActivity activity, CancellationToken cancellationToken)
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
        if (!_handler.CanReadToken(token))
        {
            return "malformed token";
        }

        var jwt = _handler.ReadJsonWebToken(token);
        if (!Algorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return $"signature algorithm '{jwt.Alg}' not accepted";
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

        if (string.IsNullOrEmpty(activity.ChannelId) || !key.Endorsements.Contains(activity.ChannelId, StringComparer.Ordinal))
        {
            return $"signing key not endorsed for channel '{activity.ChannelId}'";
        }

        var serviceUrl = jwt.TryGetPayloadValue<string>("serviceurl", out var claim) ? claim : null;
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
}
