using System.Text.RegularExpressions;
using ChatOps.Bot.Features.Audit;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Slack;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// The bot SIGKILLed while a mutating command waits on the Kubernetes API (its PATCH held open), then started again
/// on the same SQLite file: the command shows as started with unknown outcome, never missing; the approval that was
/// pending and the audit-channel lines still in the outbox carry on.
/// </summary>
public sealed partial class BotKilledTests
{
    [Fact]
    public async Task KilledMidCommand_AuditShowsOutcomeUnknown_PendingApprovalAndOutboxResume()
    {
        using var data = new TempDirectory();
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var slack = await FakeSlackApi.StartAsync();
        var patchHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Server.Interceptor = async (call, ct) =>
        {
            if (call.Verb == "patch")
            {
                patchHeld.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }

            return null;
        };
        slack.Outage = (http, _) =>
        {
            http.Response.StatusCode = 500;
            return Task.CompletedTask;
        };

        string pending;
        await using (var first = await BotUnderTest.StartAsync(data.Path, slack, cluster))
        {
            var ask = await first.AnswerAsync($"scale {KubeTestCluster.Billing} 0");
            ask.ShouldContain("needs approval");
            pending = RequestId().Match(ask).Value;
            pending.ShouldNotBeEmpty(ask);

            var (ack, _) = await first.SendAsync($"scale {KubeTestCluster.Billing} 5");
            ack.ShouldStartWith("Working on");
            await patchHeld.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }

        cluster.Server.Interceptor = null;
        slack.Outage = null;
        FaultBot.Replicas(cluster).ShouldBe(3, "the held PATCH never applied");
        slack.CallsTo("chat.postMessage").ShouldAllBe(c => c.Refused, "no audit line got out before the kill");

        await using var second = await BotUnderTest.StartAsync(data.Path, slack, cluster);
        var unknown = await slack.WaitForAsync(
            "chat.postMessage", c => !c.Refused && c.Json!["text"]!.GetValue<string>().StartsWith("[outcome unknown]", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        unknown.Json!["text"]!.GetValue<string>().ShouldContain($"scale {KubeTestCluster.Billing} 5");
        unknown.Json!["text"]!.GetValue<string>().ShouldContain(AuditOrphanSweep.ProcessEnded);
        await slack.WaitForAsync(
            "chat.postMessage", c => !c.Refused && c.Json!["text"]!.GetValue<string>().Contains(pending, StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        var audit = await second.ShownAsync("audit --last 10");
        audit.ShouldContain($"outcome unknown ({AuditOrphanSweep.ProcessEnded})");

        var approved = await second.AnswerAsync($"approve {pending}", user: "U-BOB");
        approved.ShouldContain($"{pending} approved by slack:U-BOB");
        FaultBot.Replicas(cluster).ShouldBe(0, "the approval pending before the kill ran after the restart");
        (await second.AnswerAsync("audit verify")).ShouldStartWith("audit chain intact");

        second.Terminate();
        (await second.WaitForExitAsync()).ShouldBe(0);
    }

    [GeneratedRegex("r-[0-9a-z]{10}")]
    private static partial Regex RequestId();
}
