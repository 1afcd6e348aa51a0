using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.IntegrationTests.Faults;
using ChatOps.IntegrationTests.Kubernetes;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// Issue #20 item 4: a signed slash command is valid for five minutes, so whoever captures its bytes could POST them
/// again. The first delivery runs; every copy is answered with the request that ran and changes nothing.
/// </summary>
public sealed class SlackReplayTests
{
    private const string Scale = $"scale {KubeTestCluster.Billing} 5";

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task SignedScale_PostedThreeTimes_ScalesOnce_AndAnswersAlreadyHandledTwice()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await SlackBotHost.StartAsync(s => FaultBot.UseCluster(s, cluster));
        host.Signer.Sign = false;
        var body = Encoding.UTF8.GetBytes(await new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["team_id"] = SlackBotHost.Team,
            ["user_id"] = "U-ALICE",
            ["user_name"] = "alice",
            ["channel_id"] = "C-OPS",
            ["command"] = "/ops",
            ["text"] = Scale,
            ["response_url"] = host.Slack.ResponseUrl("replayed").ToString(),
            ["trigger_id"] = "7.7.7",
        }).ReadAsStringAsync());
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = SlackSigningHandler.Signature(SlackBotHost.Secret, timestamp, body);
        var writesBefore = FaultBot.Writes(cluster);

        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await PostAsync(host, body, timestamp, signature));
        }

        var first = answers[0].StartsWith("Working on", StringComparison.Ordinal)
            ? (await host.Slack.WaitForAsync("response:replayed")).Json!["text"]!.GetValue<string>()
            : answers[0];
        first.ShouldContain("→ 5 replicas");
        var scales = (await FaultBot.RequestsAsync(host)).Where(r => r.RawText == Scale).Select(r => r.RequestId).Distinct().ToList();
        var ran = scales.ShouldHaveSingleItem("one request ran, however often its bytes arrived");
        answers.Skip(1).ShouldAllBe(a => a.Contains($"already handled (request {ran})"));
        FaultBot.Writes(cluster).ShouldBe(writesBefore + 1, "exactly one write reached Kubernetes");
        FaultBot.Replicas(cluster).ShouldBe(5);
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task ReplayedCopies_GiveBackTheirSlot_SoABotRunningOneCommandAtATime_IsNotLeftBusy()
    {
        await using var host = await SlackBotHost.StartAsync(s => s["ChatOps:Dispatch:MaxInFlight"] = "1");
        host.Signer.Sign = false;
        var body = Encoding.UTF8.GetBytes(await new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["team_id"] = SlackBotHost.Team,
            ["user_id"] = "U-ALICE",
            ["channel_id"] = "C-OPS",
            ["text"] = "whoami",
            ["trigger_id"] = "8.8.8",
        }).ReadAsStringAsync());
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = SlackSigningHandler.Signature(SlackBotHost.Secret, timestamp, body);

        (await PostAsync(host, body, timestamp, signature)).ShouldContain("slack:U-ALICE");
        for (var i = 0; i < 2; i++)
        {
            // Each copy is admitted (it takes the one slot) before its claim says it already ran.
            (await PostAsync(host, body, timestamp, signature)).ShouldContain("already handled", customMessage: $"copy {i + 1}");
        }

        host.Signer.Sign = true;
        var fresh = await host.CommandAsync("whoami");
        JsonNode.Parse(await fresh.Content.ReadAsStringAsync())!["text"]!.GetValue<string>().ShouldContain("slack:U-ALICE", customMessage: "not busy");
    }

    private static async Task<string> PostAsync(SlackBotHost host, byte[] body, long timestamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", signature);
        var response = await host.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>();
    }

    [Fact]
    public async Task SameCommandText_InTwoInvocations_RunsTwice()
    {
        await using var host = await SlackBotHost.StartAsync();

        for (var i = 0; i < 2; i++)
        {
            var response = await host.CommandAsync("whoami");
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.GetValue<string>().ShouldContain("slack:U-ALICE");
        }

        (await host.AuditAsync()).Count(r => r.RawText == "whoami").ShouldBe(2, "a new invocation is new signed bytes, not a replay");
    }
}
