using System.Net;
using System.Text.Json.Nodes;

namespace ChatOps.IntegrationTests.Slack;

public sealed class SlackEventTests
{
    [Fact]
    public async Task UrlVerification_EchoesTheChallenge()
    {
        await using var host = await SlackBotHost.StartAsync();

        var response = await host.EventAsync("""{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]!.GetValue<string>().ShouldStartWith("3eZbrw1aBm2r");
    }

    [Fact]
    public async Task AppMention_RunsTheTextAfterTheMention_AndRepliesInTheThread_OncePerEventId()
    {
        await using var host = await SlackBotHost.StartAsync();
        var mention = Mention("Ev-1", "<@U-BOT> whoami");

        (await host.EventAsync(mention)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.EventAsync(mention)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reply = await host.Slack.WaitForAsync("chat.postEphemeral");
        reply.Json!["thread_ts"]!.GetValue<string>().ShouldBe("1700000000.000200");
        reply.Json!["user"]!.GetValue<string>().ShouldBe("U-CAROL");
        reply.Json!["text"]!.GetValue<string>().ShouldContain("slack:U-CAROL");
        await Task.Delay(300);
        host.Slack.CallsTo("chat.postEphemeral").Count.ShouldBe(1, "a redelivered event_id runs nothing");
        (await host.AuditAsync()).ShouldHaveSingleItem().RawText.ShouldBe("whoami");
    }

    [Fact]
    public async Task ForgedEvent_Gets401()
    {
        await using var host = await SlackBotHost.StartAsync();
        host.Signer.ClockOffset = TimeSpan.FromMinutes(-10);

        (await host.EventAsync(Mention("Ev-2", "<@U-BOT> whoami"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.AuditAsync()).ShouldBeEmpty();
    }

    internal static string Mention(string eventId, string text) => new JsonObject
    {
        ["token"] = "x",
        ["team_id"] = SlackBotHost.Team,
        ["api_app_id"] = "A1",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1_700_000_000,
        ["event"] = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = "U-CAROL",
            ["text"] = text,
            ["ts"] = "1700000000.000200",
            ["channel"] = "C-OPS",
            ["event_ts"] = "1700000000.000200",
        },
    }.ToJsonString();
}
