using System.Net.Http.Headers;

namespace ChatOps.Bot.Infrastructure;

/// <summary>The Authorization header of the HTTP APIs the bot calls (Prometheus, Alertmanager, RabbitMQ, Jolokia).</summary>
public static class HttpCredentials
{
    /// <summary>Basic authentication of <c>user:password</c>, as RFC 7617 spells it.</summary>
    public static AuthenticationHeaderValue Basic(string user, string password) => BasicOf($"{user}:{password}");

    /// <summary>
    /// A bearer token takes precedence; else Basic of <paramref name="basic"/> (<c>user:password</c>); null when neither
    /// is configured, so no header is sent.
    /// </summary>
    public static AuthenticationHeaderValue? BearerOrBasic(string bearerToken, string basic) =>
        bearerToken.Length > 0 ? new AuthenticationHeaderValue("Bearer", bearerToken)
        : basic.Length > 0 ? BasicOf(basic)
        : null;

    private static AuthenticationHeaderValue BasicOf(string basic) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
}
