using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.SimCluster;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// <c>logs --follow</c> through a signed slash command: the answer is edited in place through the response_url as the
/// simulated container writes, never with the password it logs, and ends at the cluster's LogFollow.
/// </summary>
public sealed class SlackLogsFollowTests
{
    [Fact]
    public async Task Follow_EditsTheAnswerInPlace_Redacted_UntilLogFollowEndsIt()
    {
        await using var cluster = await WritingCluster.StartAsync();
        await using var host = await SlackBotHost.StartAsync(s => cluster.Configure(s, "00:00:12"));

        await host.CommandAsync($"logs {KubeTestCluster.Billing} -f --tail 200 -n {KubeTestCluster.Ns} --cluster prod-eks", user: "U-CAROL");

        var final = await host.Slack.WaitForAsync("response:r1", c => c.Body.Contains("stopped following", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var interim = host.Slack.CallsTo("response:r1").Where(c => c.Body.Contains("following until", StringComparison.Ordinal) && !c.Body.Contains("stopped following", StringComparison.Ordinal)).ToList();
        interim.ShouldNotBeEmpty("the answer is edited while the log streams");
        interim.ShouldAllBe(c => c.Json!["replace_original"]!.GetValue<bool>());
        final.Body.ShouldContain("stopped following after 12s (the cluster's LogFollow)");
        host.Slack.Calls.ShouldAllBe(c => !c.Body.Contains(PodLogs.LeakedPassword, StringComparison.Ordinal));
        final.Body.ShouldContain("1 secret masked as ***", customMessage: "the streamed read reached back to the line that logs the password");
    }

    [Fact]
    public async Task TheStopButton_EndsTheFollow_AndTheAnswerSaysWhoStoppedIt()
    {
        await using var cluster = await WritingCluster.StartAsync();
        await using var host = await SlackBotHost.StartAsync(s => cluster.Configure(s, "00:05:00"));

        await host.CommandAsync($"logs {KubeTestCluster.Billing} -f --tail 200 -n {KubeTestCluster.Ns} --cluster prod-eks", user: "U-CAROL");
        var interim = await host.Slack.WaitForAsync("response:r1", c => c.Body.Contains("following until", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var stop = Buttons(interim).Single(v => v.StartsWith("logs stop ", StringComparison.Ordinal));

        var ack = await host.InteractionAsync(SlackInteractionTests.Payload("U-CAROL", stop, host.Slack.ResponseUrl("stop").ToString()));

        ack.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var final = await host.Slack.WaitForAsync("response:r1", c => c.Body.Contains("clicked Stop", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        final.Body.ShouldContain("stopped following: slack:U-CAROL clicked Stop");
        Buttons(final).ShouldNotContain(v => v.StartsWith("logs stop ", StringComparison.Ordinal), "a stopped follow offers no Stop");
        host.Slack.Calls.ShouldAllBe(c => !c.Body.Contains(PodLogs.LeakedPassword, StringComparison.Ordinal));
        (await host.AuditAsync()).ShouldContain(r => r.UserId == "U-CAROL" && r.RawText == stop);
    }

    /// <summary>The values (commands) of every button in a Slack message body.</summary>
    private static List<string> Buttons(SlackCall call) =>
        (call.Json?["blocks"]?.AsArray() ?? [])
            .Where(b => b?["type"]?.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Select(e => e?["value"]?.GetValue<string>())
            .OfType<string>()
            .ToList();
}
