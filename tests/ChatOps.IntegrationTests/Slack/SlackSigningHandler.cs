using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// Signs every request the way Slack does (v0, HMAC-SHA256 over <c>v0:{ts}:{body}</c>), written independently of the
/// bot's verifier. Tests bend it to forge: another secret, a shifted clock, no headers.
/// </summary>
public sealed class SlackSigningHandler(string secret) : DelegatingHandler(new HttpClientHandler())
{
    public string Secret { get; set; } = secret;

    public TimeSpan ClockOffset { get; set; }

    public bool Sign { get; set; } = true;

    public static string Signature(string secret, long timestamp, byte[] body)
    {
        var basis = Encoding.UTF8.GetBytes($"v0:{timestamp.ToString(CultureInfo.InvariantCulture)}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), basis));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Sign && request.Content is not null)
        {
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var timestamp = (DateTimeOffset.UtcNow + ClockOffset).ToUnixTimeSeconds();
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Signature", Signature(Secret, timestamp, body));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
