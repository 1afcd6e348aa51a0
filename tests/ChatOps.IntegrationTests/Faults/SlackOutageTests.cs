using System.Globalization;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Slack;
using Microsoft.AspNetCore.Http;

namespace ChatOps.IntegrationTests.Faults;

/// <summary>
/// Slack's Web API answering 500 and 429 (Retry-After) for a while: the audit-channel lines wait in the outbox and,
/// once Slack is back, each arrives exactly once.
/// </summary>
public sealed class SlackOutageTests
{
    [Fact]
    public async Task WebApiDownWith500And429_EveryAuditLineArrivesExactlyOnceAfterRecovery()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await SlackBotHost.StartAsync(s =>
        {
            FaultBot.UseCluster(s, cluster);
            s["ChatOps:Outbox:MaxBackoff"] = "00:00:01";
        });
        host.Slack.Outage = async (http, n) =>
        {
            if (n % 2 == 0)
            {
                http.Response.StatusCode = 429;
                http.Response.Headers.RetryAfter = "1";
                return;
            }

            http.Response.StatusCode = 500;
            await http.Response.WriteAsync("upstream connect error");
        };

        (await FaultBot.AnswerAsync(host, $"scale {KubeTestCluster.Billing} 4")).ShouldContain("→ 4 replicas");
        (await FaultBot.AnswerAsync(host, $"scale {KubeTestCluster.Billing} 5")).ShouldContain("→ 5 replicas");
        (await FaultBot.AnswerAsync(host, $"scale {KubeTestCluster.Billing} 6", user: "U-CAROL")).ShouldStartWith("denied");
        (await FaultBot.AnswerAsync(host, $"rollout restart {KubeTestCluster.Billing}")).ShouldNotStartWith("failed");
        await WaitUntilAsync(() => Task.FromResult(host.Slack.Calls.Count(c => c.Refused && c.Method == "chat.postMessage") >= 8));
        host.Slack.CallsTo("chat.postMessage").ShouldAllBe(c => c.Refused, "nothing got through during the outage");

        host.Slack.Outage = null;
        await WaitUntilAsync(async () => await host.Store.CountBacklogAsync(CancellationToken.None) == 0);

        var ids = (await FaultBot.RequestsAsync(host)).Select(r => r.RequestId).ToList();
        ids.Count.ShouldBe(4);
        var delivered = host.Slack.CallsTo("chat.postMessage").Where(c => !c.Refused && c.Json!["channel"]!.GetValue<string>() == "C-AUDIT").ToList();
        foreach (var id in ids)
        {
            delivered.Count(c => c.Json!["text"]!.GetValue<string>().Contains(id, StringComparison.Ordinal))
                .ShouldBe(1, string.Create(CultureInfo.InvariantCulture, $"the line of {id} arrives exactly once"));
        }

        delivered.Count.ShouldBe(4);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("condition not reached in 60 s");
            }

            await Task.Delay(100);
        }
    }
}
