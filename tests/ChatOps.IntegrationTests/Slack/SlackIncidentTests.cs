using System.Net;
using System.Text.Json.Nodes;
using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Text;
using ChatOps.Bot.Features.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>Incident channels through the real host and Slack adapter against the loopback Slack Web API.</summary>
public sealed class SlackIncidentTests
{
    [Fact]
    public async Task Declare_CreatesTheChannel_PastATakenName_InvitesSetsTheTopic_AndPostsInItAndInTheIncidentsChannel()
    {
        await using var host = await SlackBotHost.StartAsync(
            s =>
            {
                s["ChatOps:Slack:IncidentsChannel"] = "C-INCIDENTS";
                s["ChatOps:Incidents:Responders:0"] = "slack:U-RESP";
            },
            slack =>
            {
                slack.Channels[$"inc-{DateTimeOffset.UtcNow.Year}-0001-checkout-down"] = "C-OLD";
                slack.Users["U-BOB"] = "bob";
            });
        var year = DateTimeOffset.UtcNow.Year;
        var name = $"inc-{year}-0001-checkout-down";

        var response = await host.CommandAsync("incident declare P1 checkout down --commander <@U-BOB|bob>", user: "U-CAROL");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["text"]!.GetValue<string>().ShouldContain($"declared INC-{year}-0001; channel #{name}-2 created, invited @U-CAROL, @U-BOB, @U-RESP");
        host.Slack.CallsTo("conversations.create").Select(c => c.Json!["name"]!.GetValue<string>()).ShouldBe([name, $"{name}-2"]);
        host.Slack.CallsTo("conversations.create").ShouldAllBe(c => c.Json!["is_private"]!.GetValue<bool>() == false);
        host.Slack.Members["C-NEW2"].Keys.Order(StringComparer.Ordinal).ShouldBe(["U-BOB", "U-CAROL", "U-RESP"]);
        host.Slack.Topics["C-NEW2"].ShouldBe($"INC-{year}-0001 [P1] checkout down | commander @bob | status investigating");

        var inChannel = await host.Slack.WaitForAsync("chat.postMessage", c => c.Json!["channel"]!.GetValue<string>() == "C-NEW2");
        inChannel.Json!["text"]!.GetValue<string>().ShouldStartWith($"Incident declared by u-carol\nINC-{year}-0001 [P1] checkout down\nSeverity: P1");
        var pointer = await host.Slack.WaitForAsync("chat.postMessage", c =>
            c.Json!["channel"]!.GetValue<string>() == "C-INCIDENTS" && c.Json!["text"]!.GetValue<string>().Contains("incident channel", StringComparison.Ordinal));
        // The fake's channel ids ("C-NEW2") are not Slack ids, so the renderer names the channel instead of linking it.
        pointer.Json!["text"]!.GetValue<string>().ShouldBe($"INC-{year}-0001: incident channel #{name}-2");
        await host.Slack.WaitForAsync("chat.postMessage", c =>
            c.Json!["channel"]!.GetValue<string>() == "C-INCIDENTS" && c.Json!["text"]!.GetValue<string>().StartsWith("Incident declared", StringComparison.Ordinal));

        var incident = await host.Services.GetRequiredService<IIncidentStore>().GetIncidentAsync($"INC-{year}-0001", CancellationToken.None);
        incident.ShouldNotBeNull().IncidentChannel.ShouldBe("C-NEW2");
        incident.ChannelSetup.ShouldBe(ChannelSetupState.Done);
    }

    [Fact]
    public async Task Declare_WhenSlackRefusesTheChannel_StillDeclaresAndAnnounces_AndSaysTheChannelIsRetried()
    {
        await using var host = await SlackBotHost.StartAsync(s => s["ChatOps:Slack:IncidentsChannel"] = "C-INCIDENTS");
        host.Slack.FailNext("conversations.create", "restricted_action");

        var response = await host.CommandAsync("incident declare P2 search slow", user: "U-CAROL");

        var text = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>();
        text.ShouldContain("its channel could not be created yet (Slack conversations.create failed: restricted_action); the bot retries in the background");
        await host.Slack.WaitForAsync("chat.postMessage", c => c.Json!["channel"]!.GetValue<string>() == "C-INCIDENTS");
        var incident = (await host.Services.GetRequiredService<IIncidentStore>().ListIncidentsAsync(true, CancellationToken.None)).ShouldHaveSingleItem();
        incident.ChannelSetup.ShouldBe(ChannelSetupState.Pending);
        incident.ChannelSetupError.ShouldBe("Slack conversations.create failed: restricted_action");
    }

    [Fact]
    public async Task SlackPlatform_InvitesOneByOne_CountsAlreadyInChannelAsInvited_AndNamesUnknownUsers()
    {
        await using var host = await SlackBotHost.StartAsync();
        var slack = host.Services.GetServices<IChatPlatform>().Single(p => p.Name == "slack");
        host.Slack.UnknownUsers["U-GONE"] = true;

        var created = await slack.CreateChannelAsync("inc-x", CancellationToken.None);
        await slack.InviteAsync(created.Id, ["U1"], CancellationToken.None);
        var result = await slack.InviteAsync(created.Id, ["U1", "U-GONE", "U2"], CancellationToken.None);

        result.Invited.ShouldBe(["U1", "U2"]);
        result.Failed.ShouldBe([("U-GONE", "user_not_found")]);
        host.Slack.CallsTo("conversations.invite").Select(c => c.Json!["users"]!.GetValue<string>()).ShouldBe(["U1", "U1", "U-GONE", "U2"]);
    }

    [Fact]
    public async Task SlackPlatform_PlainText_MentionsOnlyWhomTheBotMentions_AndEscapesAllText()
    {
        await using var host = await SlackBotHost.StartAsync();
        var slack = host.Services.GetServices<IChatPlatform>().Single(p => p.Name == "slack");
        var text = ChatText.Of($"{ChatText.Mention("U0123ABC", "@alice")}, see {ChatText.Channel("C0456DEF", "#inc")} & {"<@U0999> <!channel> <https://evil|x>"}");

        await slack.PostAsync(new ChatPost("C1", text), CancellationToken.None);

        host.Slack.CallsTo("chat.postMessage").ShouldHaveSingleItem().Json!["text"]!.GetValue<string>()
            .ShouldBe("<@U0123ABC>, see <#C0456DEF> (#inc) &amp; &lt;@U0999&gt; &lt;!channel&gt; &lt;https://evil|x&gt;");
    }
}
