using System.Net;
using System.Text.RegularExpressions;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Slack;

namespace ChatOps.IntegrationTests.Replicas;

/// <summary>
/// Two active replicas on one PostgreSQL behave as one bot: whatever Slack (or a load balancer) delivers to both runs
/// once, an approval made on one is finished on the other, every audit-channel line is posted exactly once, and each
/// incident SLA timer fires once.
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
        var card = await bots.AnswerAsync(bots.A, $"scale {KubeTestCluster.Billing} 0", "UALICE01", "ask-on-a");
        card.ShouldContain("needs approval");
        bots.Replicas(KubeTestCluster.Billing).ShouldBe(3, "nothing runs before the approval");
        var id = await bots.PendingApprovalIdAsync($"scale {KubeTestCluster.Billing} 0");

        var ran = await bots.AnswerAsync(bots.B, $"approve {id}", "UBOB01", "approve-on-b");

        ran.ShouldContain($"{id} approved by slack:UBOB01");
        bots.Replicas(KubeTestCluster.Billing).ShouldBe(0);
        bots.ScalePatches(KubeTestCluster.Billing).ShouldBe(1);
        (await bots.AnswerAsync(bots.A, $"approve {id}", "UALICE01", "late-on-a")).ShouldContain("already approved");
        bots.ScalePatches(KubeTestCluster.Billing).ShouldBe(1, "a later approve on the other replica runs nothing");
    }

    [Fact]
    public async Task ApproveButton_DeliveredToBothReplicas_RunsTheOperationOnce()
    {
        await bots.AnswerAsync(bots.A, $"scale {TwoReplicas.Orders} 0", "UALICE01", "ask-orders");
        var id = await bots.PendingApprovalIdAsync($"scale {TwoReplicas.Orders} 0");
        var click = SlackInteractionTests.Payload("UBOB01", $"approve {id}", bots.Slack.ResponseUrl("card-orders").ToString());
        var form = new Dictionary<string, string> { ["payload"] = click };

        var acks = await Task.WhenAll(bots.A.PostFormAsync("/slack/interactions", form), bots.B.PostFormAsync("/slack/interactions", form));

        acks.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        var update = await bots.Slack.WaitForAsync("response:card-orders", timeout: TimeSpan.FromSeconds(30));
        update.Body.ShouldContain($"approved by slack:UBOB01");
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

    [Fact]
    public async Task IncidentSlaTimers_PolledByBothReplicas_RemindAndEscalateExactlyOnce()
    {
        // P1 is due 5 s after the declaration and escalates 2 s after that; both replicas poll every second.
        var declared = await bots.AnswerAsync(bots.A, "incident declare P1 replica timers", "UALICE01", "declare-on-a");
        // The declaring replica sets the channel up inline unless the other replica's job worker leased it first;
        // either way it is created once (checked below).
        (declared.Contains("channel #inc-", StringComparison.Ordinal) ||
            declared.Contains("its channel is being set up by another replica", StringComparison.Ordinal)).ShouldBeTrue(declared);
        var id = Regex.Match(declared, @"INC-\d{4}-\d{4}").Value;
        id.ShouldNotBeEmpty(declared);

        // Rounds a second apart rarely overlap, so make them: writes to the timeline wait, and the replica that fires
        // the reminder first holds its claim on the incident there while the other replica polls twice or more.
        await using (await bots.LockTableAsync("incident_timeline"))
        {
            (await bots.ScalarAsync("SELECT COUNT(*) FROM incident_timeline WHERE incident_id = @id AND kind = 'Reminder'", ("id", id)))
                .ShouldBe(0, "the gate closed before the deadline");
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (await bots.LockWaitersAsync("incident_timeline") == 0)
            {
                DateTime.UtcNow.ShouldBeLessThan(until, "no replica fired the due timer");
                await Task.Delay(50);
            }

            await Task.Delay(TimeSpan.FromSeconds(2.5));
        }

        var reminder = await bots.Slack.WaitForAsync("chat.postMessage", c => Text(c).StartsWith($"Reminder: {id} ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var escalation = await bots.Slack.WaitForAsync("chat.postMessage", c => Text(c).StartsWith($"Escalation: {id} ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await bots.WaitForEmptyOutboxAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // three more polls on each replica: a second firing would be queued and posted by now
        await bots.WaitForEmptyOutboxAsync();

        var created = bots.Slack.CallsTo("conversations.create").Where(c => c.Json!["name"]!.GetValue<string>().Contains("replica-timers", StringComparison.Ordinal)).ToList();
        created.Count.ShouldBe(1, "the channel setup ran once");
        var channel = bots.Slack.Channels[created[0].Json!["name"]!.GetValue<string>()];
        reminder.Json!["channel"]!.GetValue<string>().ShouldBe(channel);
        Text(reminder).ShouldContain("<@UALICE01>", Case.Sensitive, "the commander is mentioned (Slack ids are letters and digits only)");
        escalation.Json!["channel"]!.GetValue<string>().ShouldBe(TwoReplicas.IncidentsChannel);
        Posts($"Reminder: {id} ").ShouldBe(1, "one reminder across both replicas");
        Posts($"Escalation: {id} ").ShouldBe(1, "one escalation across both replicas");
        (await bots.ScalarAsync("SELECT COUNT(*) FROM incident_timeline WHERE incident_id = @id AND kind = 'Reminder'", ("id", id))).ShouldBe(1);
        (await bots.ScalarAsync("SELECT COUNT(*) FROM incident_timeline WHERE incident_id = @id AND kind = 'Escalation'", ("id", id))).ShouldBe(1);
        // Queued lines keep user text framed (ChatText.Encode), so the title may stand between frame marks.
        (await bots.ScalarAsync("SELECT COUNT(*) FROM outbox WHERE text LIKE @prefix", ("prefix", $"Reminder: %{id}%"))).ShouldBe(1);
        (await bots.ScalarAsync("SELECT COUNT(*) FROM incidents WHERE id = @id AND timer_stage = 2 AND timer_due_at IS NULL", ("id", id)))
            .ShouldBe(1, "the timer rests after the escalation");
    }

    private static string Text(SlackCall call) => call.Json?["text"]?.GetValue<string>() ?? string.Empty;

    private int Posts(string prefix) =>
        bots.Slack.CallsTo("chat.postMessage").Count(c => Text(c).StartsWith(prefix, StringComparison.Ordinal));
}
