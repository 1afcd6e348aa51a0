using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Bot.Parsing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace ChatOps.IntegrationTests.Teams;

public sealed class TeamsHostFixture : IAsyncLifetime
{
    public TeamsBotHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TeamsBotHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// <c>/api/messages</c> authenticates like the Bot Framework SDKs: every broken part of the token (or a tenant not
/// allowed) is a 401 and nothing runs — no reply, no token request, no audit record.
/// </summary>
public sealed class TeamsAuthTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private TeamsBotHost Host => fixture.Host;

    public static TheoryData<string> Rejections =>
    [
        "expired", "not-yet-valid", "wrong-issuer", "wrong-audience", "alg-none", "unknown-key", "not-endorsed", "serviceurl-mismatch",
        "tenant-not-allowed", "no-token", "tampered", "no-serviceurl",
    ];

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Activity_IsRefusedWith401_AndNothingRuns(string broken)
    {
        var h = Host;
        var marker = $"probe-{broken}";
        var activity = h.Message($"status {marker}", tenant: broken == "tenant-not-allowed" ? "tenant-evil" : TeamsBotHost.Tenant);
        activity["id"] = marker;
        h.BotFramework.Publish("key-not-endorsed", "skype");
        var token = broken switch
        {
            "expired" => h.Token(change: d => (d.NotBefore, d.IssuedAt, d.Expires) = (DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddMinutes(-6))),
            "not-yet-valid" => h.Token(change: d => (d.NotBefore, d.IssuedAt, d.Expires) = (DateTime.UtcNow.AddMinutes(6), DateTime.UtcNow, DateTime.UtcNow.AddHours(1))),
            "wrong-issuer" => h.Token(change: d => d.Issuer = "https://sts.windows.net/evil/"),
            "wrong-audience" => h.Token(change: d => d.Audience = "another-bot"),
            "alg-none" => Unsigned(h),
            "unknown-key" => UnknownKey(h),
            "not-endorsed" => h.Token(kid: "key-not-endorsed"),
            "serviceurl-mismatch" => h.Token(serviceUrl: "https://evil.example/"),
            "no-serviceurl" => h.Token(change: d => d.Claims.Remove("serviceurl")),
            "tampered" => Tampered(h.Token()),
            "no-token" => string.Empty,
            _ => h.Token(),
        };

        using var response = broken == "no-token" ? await PostWithoutTokenAsync(h, activity) : await h.PostAsync(activity, token);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Task.Delay(200);
        h.BotFramework.Calls.ShouldNotContain(c => c.Path.Contains(marker, StringComparison.Ordinal));
        (await h.AuditAsync()).ShouldNotContain(r => r.RawText.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidToken_WithinFiveMinutesOfSkew_IsAccepted()
    {
        var token = Host.Token(change: d => (d.NotBefore, d.IssuedAt, d.Expires) = (DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddMinutes(-3)));

        using var response = await Host.PostAsync(Host.Message("help"), token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RotatedKey_IsFetched_WhenATokenNamesIt()
    {
        var h = Host;
        (await h.PostAsync(h.Message("help"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var fetches = h.BotFramework.MetadataFetches;
        h.BotFramework.Publish("key-rotated", "msteams");
        h.Services.GetRequiredService<ChatOps.Bot.Chat.Teams.BotFrameworkKeys>().MinRefreshInterval = TimeSpan.Zero;

        using var response = await h.PostAsync(h.Message("help"), h.Token(kid: "key-rotated"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        h.BotFramework.MetadataFetches.ShouldBe(fetches + 1);
        (await h.PostAsync(h.Message("help"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        h.BotFramework.MetadataFetches.ShouldBe(fetches + 1, "known keys come from the cache");
    }

    private static string Unsigned(TeamsBotHost h)
    {
        var parts = h.Token().Split('.');
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT","kid":"key-1"}"""));
        return $"{header}.{parts[1]}.";
    }

    private static string UnknownKey(TeamsBotHost h)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        return h.Token(change: d => d.SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "key-nobody-published" }, SecurityAlgorithms.RsaSha256));
    }

    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["serviceurl"] = "https://evil.example/";
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private static Task<HttpResponseMessage> PostWithoutTokenAsync(TeamsBotHost h, JsonObject activity) =>
        h.Http.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
}
