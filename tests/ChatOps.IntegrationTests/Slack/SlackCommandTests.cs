using System.Net;
using System.Text.Json.Nodes;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Slack;

public sealed class SlackCommandTests
{
    [Fact]
    public async Task SignedHelp_IsAnsweredInTheBody_Ephemeral_WithBlocks()
    {
        await using var host = await SlackBotHost.StartAsync();

        var response = await host.CommandAsync("help");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["response_type"]!.GetValue<string>().ShouldBe("ephemeral");
        body["text"]!.GetValue<string>().ShouldContain("whoami");
        body["blocks"]!.AsArray().Count.ShouldBeGreaterThan(0);
        (await host.AuditAsync()).ShouldHaveSingleItem().UserId.ShouldBe("U-ALICE");
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("stale")]
    [InlineData("future")]
    [InlineData("missing")]
    public async Task BadSignature_Gets401_AndRunsNothing(string forgery)
    {
        await using var host = await SlackBotHost.StartAsync();
        switch (forgery)
        {
            case "forged": host.Signer.Secret = "not-the-secret"; break;
            case "stale": host.Signer.ClockOffset = TimeSpan.FromSeconds(-301); break;
            case "future": host.Signer.ClockOffset = TimeSpan.FromSeconds(310); break; // whole seconds on both sides: 301 passes when a second ticks between signing and checking
            default: host.Signer.Sign = false; break;
        }

        var response = await host.CommandAsync("help");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReorderedBody_WithTheOriginalSignature_Gets401()
    {
        await using var host = await SlackBotHost.StartAsync();
        host.Signer.Sign = false;
        const string original = "team_id=T-OURS&user_id=U-CAROL&text=help&channel_id=C1";
        const string reordered = "user_id=U-CAROL&team_id=T-OURS&text=help&channel_id=C1";
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands")
        {
            Content = new StringContent(reordered, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", SlackSigningHandler.Signature(SlackBotHost.Secret, ts, System.Text.Encoding.UTF8.GetBytes(original)));

        (await host.Http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task SslCheck_IsAnsweredEmpty_WithoutASignature()
    {
        await using var host = await SlackBotHost.StartAsync();
        host.Signer.Sign = false;

        var response = await host.Http.PostAsync(new Uri("/slack/commands", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["ssl_check"] = "1", ["token"] = "x" }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task UnknownWorkspace_IsRefused_AndNothingRuns()
    {
        await using var host = await SlackBotHost.StartAsync();

        var body = await (await host.CommandAsync("whoami", team: "T-STRANGER")).Content.ReadAsStringAsync();

        body.ShouldContain("not allowed");
        (await host.AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task EmptyAllowedTeamIds_RefusesEveryWorkspace()
    {
        await using var host = await SlackBotHost.StartAsync(s => s.Remove("ChatOps:Slack:AllowedTeamIds:0"));

        (await (await host.CommandAsync("help")).Content.ReadAsStringAsync()).ShouldContain("not allowed");
        (await host.AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task SlowCommand_IsAckedAtOnce_AndItsResultGoesToResponseUrl()
    {
        await using var host = await SlackBotHost.StartAsync(s =>
        {
            s["ChatOps:Slack:AckBudget"] = "00:00:00.300";
            s["ChatOps:Roles:Bindings:13:Subject"] = "slack-group:S-ONCALL";
            s["ChatOps:Roles:Bindings:13:Role"] = "operator";
        });
        host.Slack.UserGroups["S-ONCALL"] = ["U-CAROL"];
        host.Slack.UserGroupsHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The group lookup cannot answer yet, so the command is still running when Slack gets its ack: no timing.
        var ack = JsonNode.Parse(await (await host.CommandAsync("whoami", user: "U-CAROL", responseId: "slow")).Content.ReadAsStringAsync())!;

        ack["text"]!.GetValue<string>().ShouldStartWith("Working on `whoami`");
        host.Slack.CallsTo("response:slow").ShouldBeEmpty();
        host.Slack.UserGroupsHeld.SetResult();
        var later = await host.Slack.WaitForAsync("response:slow");
        later.Json!["text"]!.GetValue<string>().ShouldContain("slack-group:S-ONCALL");
        later.Json!["response_type"]!.GetValue<string>().ShouldBe("ephemeral");
        host.Slack.CallsTo("usergroups.users.list").ShouldHaveSingleItem().Authorization.ShouldBe("Bearer xoxb-fake");
    }

    [Fact]
    public async Task Deny_FromSlack_IsInChannel_AndItsAuditLineReachesTheAuditChannelThroughTheOutbox()
    {
        await using var host = await SlackBotHost.StartAsync();
        var id = await PendingApprovalAsync(host, "U-ALICE");

        var body = JsonNode.Parse(await (await host.CommandAsync($"deny {id} not now", user: "U-BOB")).Content.ReadAsStringAsync())!;

        body["response_type"]!.GetValue<string>().ShouldBe("in_channel");
        var line = await host.Slack.WaitForAsync("chat.postMessage", c => c.Json?["channel"]?.GetValue<string>() == "C-AUDIT");
        line.Json!["text"]!.GetValue<string>().ShouldContain("deny");
        line.Authorization.ShouldBe("Bearer xoxb-fake");
    }

    /// <summary>
    /// A pending approval as the approval behaviour would store it. The dangerous commands (scale, purge…) are built
    /// on other branches, so it approves <c>whoami</c>: the approval machinery is the same.
    /// </summary>
    internal static async Task<string> PendingApprovalAsync(SlackBotHost host, string requester)
    {
        var id = RequestIds.New();
        var now = DateTimeOffset.UtcNow;
        await host.Services.GetRequiredService<IApprovalStore>().CreateAsync(
            new PendingApproval(id, ApprovalHash.Of("whoami"), "whoami", "whoami", "slack", requester, requester.ToLowerInvariant(), "C-OPS", null, id,
                Role.Admin, null, null, now, now.AddMinutes(10), 1, ApprovalStatus.Pending, []),
            CancellationToken.None);
        return id;
    }
}
