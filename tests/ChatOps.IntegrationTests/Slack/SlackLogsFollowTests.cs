using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.SimCluster;
using Microsoft.Extensions.Time.Testing;

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
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await KubeTestCluster.StartAsync(clock: clock, timing: SimTiming.Realistic with { HpaSync = null });
        for (var i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await using var host = await SlackBotHost.StartAsync(s =>
        {
            s["ChatOps:Clusters:prod-eks:Kubeconfig"] = cluster.Kubeconfig;
            s["ChatOps:Clusters:prod-eks:DefaultNamespace"] = KubeTestCluster.Ns;
            s["ChatOps:Clusters:prod-eks:LogFollow"] = "00:00:12";
        });

        // The simulated container writes on the cluster's clock; the bot follows on the real one.
        using var moving = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!moving.IsCancellationRequested)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(200, CancellationToken.None);
            }
        }, CancellationToken.None);
        await host.CommandAsync($"logs {KubeTestCluster.Billing} -f --tail 200 -n {KubeTestCluster.Ns} --cluster prod-eks", user: "U-CAROL");

        var final = await host.Slack.WaitForAsync("response:r1", c => c.Body.Contains("stopped following", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        await moving.CancelAsync();
        await writer;

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
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var cluster = await KubeTestCluster.StartAsync(clock: clock, timing: SimTiming.Realistic with { HpaSync = null });
        for (var i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await using var host = await SlackBotHost.StartAsync(s =>
        {
            s["ChatOps:Clusters:prod-eks:Kubeconfig"] = cluster.Kubeconfig;
            s["ChatOps:Clusters:prod-eks:DefaultNamespace"] = KubeTestCluster.Ns;
            s["ChatOps:Clusters:prod-eks:LogFollow"] = "00:05:00";
        });
        using var moving = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!moving.IsCancellationRequested)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(200, CancellationToken.None);
            }
        }, CancellationToken.None);
        try
        {
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
        finally
        {
            await moving.CancelAsync();
            await writer;
        }
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
