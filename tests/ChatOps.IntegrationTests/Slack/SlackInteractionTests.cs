using System.Net;
using System.Text.Json.Nodes;
using ChatOps.Bot.Features.Approvals;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Slack;

public sealed class SlackInteractionTests
{
    [Fact]
    public async Task ApproveButton_RunsAsTheClicker_AndUpdatesTheCardWithoutButtons_OnceEvenWhenClickedTwice()
    {
        await using var host = await SlackBotHost.StartAsync();
        var id = await SlackCommandTests.PendingApprovalAsync(host, "U-ALICE");
        var payload = Payload("U-BOB", $"approve {id}", host.Slack.ResponseUrl("card").ToString());

        (await host.InteractionAsync(payload)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.InteractionAsync(payload)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var update = await host.Slack.WaitForAsync("response:card");
        update.Json!["replace_original"]!.GetValue<bool>().ShouldBeTrue();
        var blocks = update.Json!["blocks"]!.AsArray();
        blocks.ShouldNotContain(b => b!["type"]!.GetValue<string>() == "actions");
        update.Body.ShouldContain("<@U-BOB> clicked");
        update.Body.ShouldContain("approved by slack:U-BOB");
        var approval = await host.Services.GetRequiredService<IApprovalStore>().GetAsync(id, CancellationToken.None);
        approval!.Status.ShouldBe(ApprovalStatus.Executed);
        await Task.Delay(300);
        host.Slack.CallsTo("response:card").Count.ShouldBe(1, "the second click is a duplicate and runs nothing");
        (await host.AuditAsync()).Count(r => r.RawText.StartsWith("approve", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task SelfApproval_IsAnsweredOnlyToTheClicker_AndTheButtonsStay()
    {
        await using var host = await SlackBotHost.StartAsync();
        var id = await SlackCommandTests.PendingApprovalAsync(host, "U-ALICE");

        await host.InteractionAsync(Payload("U-ALICE", $"approve {id}", host.Slack.ResponseUrl("self").ToString()));

        var reply = await host.Slack.WaitForAsync("response:self");
        reply.Json!["replace_original"]!.GetValue<bool>().ShouldBeFalse();
        reply.Json!["response_type"]!.GetValue<string>().ShouldBe("ephemeral");
        reply.Body.ShouldContain("cannot approve your own request");
        (await host.Services.GetRequiredService<IApprovalStore>().GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Pending);
    }

    [Fact]
    public async Task DenyButton_ShowsWhoDenied()
    {
        await using var host = await SlackBotHost.StartAsync();
        var id = await SlackCommandTests.PendingApprovalAsync(host, "U-ALICE");

        await host.InteractionAsync(Payload("U-BOB", $"deny {id}", host.Slack.ResponseUrl("deny").ToString()));

        var update = await host.Slack.WaitForAsync("response:deny");
        update.Body.ShouldContain("<@U-BOB> clicked");
        update.Json!["blocks"]!.AsArray().ShouldNotContain(b => b!["type"]!.GetValue<string>() == "actions");
        (await host.Services.GetRequiredService<IApprovalStore>().GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Denied);
    }

    [Fact]
    public async Task UnsignedOrForeignPayloads_RunNothing()
    {
        await using var host = await SlackBotHost.StartAsync();
        var id = await SlackCommandTests.PendingApprovalAsync(host, "U-ALICE");

        await host.InteractionAsync(Payload("U-BOB", $"deny {id}", host.Slack.ResponseUrl("x").ToString(), team: "T-STRANGER"));
        host.Signer.Secret = "forged";
        (await host.InteractionAsync(Payload("U-BOB", $"deny {id}", host.Slack.ResponseUrl("x").ToString()))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await Task.Delay(300);
        (await host.Services.GetRequiredService<IApprovalStore>().GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Pending);
        (await host.AuditAsync()).ShouldBeEmpty();
    }

    internal static string Payload(string user, string command, string responseUrl, string team = SlackBotHost.Team) => new JsonObject
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["team_id"] = team },
        ["team"] = new JsonObject { ["id"] = team, ["domain"] = "ours" },
        ["channel"] = new JsonObject { ["id"] = "C-OPS", ["name"] = "ops" },
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = "C-OPS", ["is_ephemeral"] = false },
        ["message"] = new JsonObject
        {
            ["ts"] = "1700000000.000100",
            ["text"] = "Approval needed",
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "*Approval needed*" } },
                new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray() }),
        },
        ["response_url"] = responseUrl,
        ["trigger_id"] = "1.2.3",
        ["api_app_id"] = "A1",
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["block_id"] = "b1",
            ["action_id"] = "chatops-0",
            ["action_ts"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["value"] = command,
        }),
    }.ToJsonString();
}
