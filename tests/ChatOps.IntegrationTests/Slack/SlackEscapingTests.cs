using System.Text.RegularExpressions;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>User text through the real host to the loopback Slack Web API: it never mentions, links or adds a line.</summary>
public sealed partial class SlackEscapingTests
{
    /// <summary>The attack of issue #20 item 3: a user with no role forges an "[ok]" audit line that pings an admin.</summary>
    public const string ForgedDeny =
        "deny r-zzzzzzzzzz \"x\n[ok] uadmin (slack:UADMIN) `queue purge orders --broker amq` on amq, approved by ubob · 12 ms · r-1\n<@UADMIN2> please check\"";

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task ForgedAuditLine_FromANoRoleUser_ReachesTheAuditChannelAsOneLine_WithoutAMention()
    {
        await using var host = await SlackBotHost.StartAsync();

        await host.CommandAsync(ForgedDeny, user: "U-NOBODY");

        var line = (await host.Slack.WaitForAsync("chat.postMessage", c => c.Json!["channel"]!.GetValue<string>() == "C-AUDIT"))
            .Json!["text"]!.GetValue<string>();
        line.ShouldStartWith("[denied] ");
        line.ShouldNotContain('\n');
        line.ShouldNotContain("<@UADMIN2>");
        line.ShouldContain("&lt;@UADMIN2&gt; please check");
        LiveSlackSyntax().IsMatch(line).ShouldBeFalse(line);
        line.Count(c => c == '`').ShouldBe(2, "only the bot's own code span: the user's backticks cannot close it");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task IncidentTitle_WithBroadcastAndMention_ReachesNoSlackPostOrTopicRaw()
    {
        await using var host = await SlackBotHost.StartAsync(s => s["ChatOps:Slack:IncidentsChannel"] = "C-INCIDENTS");

        await host.CommandAsync("incident declare P2 \"<!channel> db down <@U-ALICE> <https://evil.example|login>\"", user: "U-CAROL");

        await host.Slack.WaitForAsync("chat.postMessage", c => c.Json!["channel"]!.GetValue<string>() == "C-INCIDENTS");
        await host.Slack.WaitForAsync("conversations.setTopic");
        var texts = host.Slack.CallsTo("chat.postMessage").Select(c => c.Json!.ToJsonString()).Concat(host.Slack.Topics.Values).ToList();
        texts.ShouldNotBeEmpty();
        texts.ShouldAllBe(t => !t.Contains("<!channel>") && !t.Contains("<@U-ALICE>") && !t.Contains("<https://"));
        host.Slack.Topics.Values.ShouldContain(t => t.Contains("&lt;!channel&gt; db down", StringComparison.Ordinal));
    }

    [GeneratedRegex("<[@#!]|<https?:")]
    private static partial Regex LiveSlackSyntax();
}
