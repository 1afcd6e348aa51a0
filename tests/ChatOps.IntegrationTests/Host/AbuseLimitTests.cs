using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Slack;
using ChatOps.IntegrationTests.Teams;

namespace ChatOps.IntegrationTests.Host;

/// <summary>Rate limits answer in the platform's own format; body limits refuse oversized requests on every endpoint with 413.</summary>
public sealed class AbuseLimitTests
{
    private static void Limits(Dictionary<string, string?> s)
    {
        s["ChatOps:RateLimits:PerUser:PermitLimit"] = "2";
        s["ChatOps:RateLimits:PerUser:Window"] = "00:10:00";
        s["ChatOps:Http:MaxRequestBodyBytes"] = "4096";
    }

    [Fact]
    public async Task SlackUserOverTheLimit_GetsAnEphemeralSlowDown_WithHttp200()
    {
        await using var host = await SlackBotHost.StartAsync(Limits);
        (await host.CommandAsync("whoami")).EnsureSuccessStatusCode();
        (await host.CommandAsync("whoami")).EnsureSuccessStatusCode();

        using var refused = await host.CommandAsync("whoami");

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        body["response_type"]!.GetValue<string>().ShouldBe("ephemeral");
        body["text"]!.GetValue<string>().ShouldStartWith("slow down: at most 2 commands per 10 min");
        using var other = await host.CommandAsync("whoami", user: "U-BOB");
        (await other.Content.ReadAsStringAsync()).ShouldNotContain("slow down");
    }

    [Fact]
    public async Task TeamsUserOverTheLimit_GetsAThreadReply()
    {
        await using var host = await TeamsBotHost.StartAsync(Limits);
        for (var i = 0; i < 2; i++)
        {
            // Teams commands run after the 200: each is answered before the next is sent, or the third could be
            // dispatched before the second and the second be the one refused.
            var earlier = host.Message("whoami");
            using var accepted = await host.PostAsync(earlier);
            (await ReplyToAsync(host, earlier)).Card.ShouldNotContain("slow down");
        }

        var message = host.Message("whoami");
        using var response = await host.PostAsync(message);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReplyToAsync(host, message)).Card.ShouldContain("slow down: at most 2 commands per 10 min");
    }

    private static Task<ConnectorCall> ReplyToAsync(TeamsBotHost host, JsonObject message)
    {
        var id = message["id"]!.GetValue<string>();
        return host.BotFramework.WaitForAsync(c => c.Method == "POST" && c.Path.EndsWith($"/activities/{id}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactions")]
    [InlineData("/slack/events")]
    [InlineData("/api/messages")]
    [InlineData("/alertmanager")]
    [InlineData("/livez")]
    public async Task BodyOverTheConfiguredLimit_Gets413_BeforeAnythingRuns(string path)
    {
        await using var host = await SlackBotHost.StartAsync(Limits);

        using var response = await host.Http.PostAsync(new Uri(path, UriKind.Relative), new ByteArrayContent(new byte[5000]));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await host.AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_Gets413_Too()
    {
        await using var host = await SlackBotHost.StartAsync(Limits);
        var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("text=" + new string('a', 6000))));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/slack/commands", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/livez")]
    [InlineData("/readyz")]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    public async Task ProbesAndScrapes_TakeNoBody(string path)
    {
        await using var host = await SlackBotHost.StartAsync();
        using var plain = new HttpClient { BaseAddress = host.Http.BaseAddress };

        (await plain.GetAsync(new Uri(path, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var withBody = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)) { Content = new StringContent("x") };
        (await plain.SendAsync(withBody)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }
}
