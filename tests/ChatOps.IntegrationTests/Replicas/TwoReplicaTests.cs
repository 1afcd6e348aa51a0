using System.Net;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Slack;

namespace ChatOps.IntegrationTests.Replicas;

/// <summary>
/// Two active replicas on one PostgreSQL behave as one bot: whatever Slack (or a load balancer) delivers to both runs
/// once, an approval made on one is finished on the other, and every audit-channel line is posted exactly once.
/// </summary>
public sealed class TwoReplicaTests(TwoReplicas bots) : IClassFixture<TwoReplicas>
{
    [Fact]
    public async Task SlackEvent_DeliveredToBothReplicas_RunsOnce()
    {
        var mention = SlackEventTests.Mention("Ev-REPLICAS-1", "<@U-BOT> whoami");

        var answers = await Task.WhenAll(bots.A.PostJsonAsync("/slack/events", mention), bots.B.PostJsonAsync("/slack/events", mention));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        await bots.Slack.WaitForAsync("chat.postEphemeral", c => c.Body.Contains("U-CAROL", StringComparison.Ordinal));
        await Task.Delay(500);
        bots.Slack.CallsTo("chat.postEphemeral").Count(c => c.Body.Contains("U-CAROL", StringComparison.Ordinal)).ShouldBe(1);
        (await bots.ScalarAsync("SELECT COUNT(*) FROM audit_entries WHERE raw_text = 'whoami' AND user_id = 'U-CAROL'")).ShouldBe(1);
    }

    [Fact]
    public async Task ApprovalCreatedOnA_IsApprovedOnB_AndRunsOnce()
    {
        var card = await bots.AnswerAsync(bots.A, $"scale {KubeTestCluster.Billing} 0", "U-ALICE", "ask-on-a");
        card.ShouldContain("needs approval");
        bots.Replicas(KubeTestCluster.Billing).ShouldBe(3, "nothing runs before the approval");
        var id = await bots.PendingApprovalIdAsync($"scale {KubeTestCluster.Billing} 0");

        var ran = await bots.AnswerAsync(bots.B, $"approve {id}", "U-BOB", "approve-on-b");

        ran.ShouldContain($"{id} approved by slack:U-BOB");
        bots.Replicas(KubeTestCluster.Billing).ShouldBe(0);
        bots.ScalePatches(KubeTestCluster.Billing).ShouldBe(1);
        (await bots.AnswerAsync(bots.A, $"approve {id}", "U-ALICE", "late-on-a")).ShouldContain("already approved");
        bots.ScalePatches(KubeTestCluster.Billing).ShouldBe(1, "a later approve on the other replica runs nothing");
    }

    [Fact]
    public async Task ApproveButton_DeliveredToBothReplicas_RunsTheOperationOnce()
    {
        await bots.AnswerAsync(bots.A, $"scale {TwoReplicas.Orders} 0", "U-ALICE", "ask-orders");
        var id = await bots.PendingApprovalIdAsync($"scale {TwoReplicas.Orders} 0");
        var click = SlackInteractionTests.Payload("U-BOB", $"approve {id}", bots.Slack.ResponseUrl("card-orders").ToString());
        var form = new Dictionary<string, string> { ["payload"] = click };

        var acks = await Task.WhenAll(bots.A.PostFormAsync("/slack/interactions", form), bots.B.PostFormAsync("/slack/interactions", form));

        acks.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        var update = await bots.Slack.WaitForAsync("response:card-orders", timeout: TimeSpan.FromSeconds(30));
        update.Body.ShouldContain($"approved by slack:U-BOB");
        await Task.Delay(500);
        bots.Slack.CallsTo("response:card-orders").Count.ShouldBe(1);
        bots.Replicas(TwoReplicas.Orders).ShouldBe(0);
        bots.ScalePatches(TwoReplicas.Orders).ShouldBe(1);
        (await bots.ScalarAsync("SELECT COUNT(*) FROM audit_entries WHERE raw_text = @text AND outcome <> 'Started'", ("text", $"approve {id}")))
            .ShouldBe(1, "one approve ran (its write-ahead record aside)");
    }

    [Fact]
    public async Task AuditChannelLines_FromBothReplicas_ArePostedExactlyOnce()
    {
        // Denials write audit lines; both replicas' outbox workers compete for them every 50 ms. Slack rate-limits
        // the first posts (429, Retry-After 3 s), so a batch outlives its 5 s lease while the other replica polls.
        for (var i = 0; i < 3; i++)
        {
            bots.Slack.RateLimitNext("chat.postMessage", 3);
        }

        var commands = Enumerable.Range(0, 20).Select(i =>
            bots.AnswerAsync(i % 2 == 0 ? bots.A : bots.B, $"scale {KubeTestCluster.Billing} {i + 1}", "U-CAROL", $"denied-{i}"));
        (await Task.WhenAll(commands)).ShouldAllBe(a => a.Contains("operator", StringComparison.Ordinal));

        await bots.WaitForEmptyOutboxAsync();

        var queued = await bots.ScalarAsync("SELECT COUNT(*) FROM outbox WHERE destination = 'slack:C-AUDIT'");
        var refused = bots.Slack.Refused;
        var posted = bots.Slack.CallsTo("chat.postMessage")
            .Where(c => c.Json?["channel"]?.GetValue<string>() == "C-AUDIT" && !refused.Any(r => ReferenceEquals(r, c)))
            .Select(c => c.Json!["text"]!.GetValue<string>()).ToList();
        refused.Count.ShouldBe(3, "the rate limit was hit");
        queued.ShouldBeGreaterThanOrEqualTo(20);
        posted.Count.ShouldBe((int)queued, "every queued line once: none lost, none twice");
        posted.Distinct(StringComparer.Ordinal).Count().ShouldBe(posted.Count);
        posted.Count(t => t.Contains("slack:U-CAROL", StringComparison.Ordinal))
            .ShouldBeGreaterThanOrEqualTo(20);
    }
}
