using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOps.IntegrationTests.Slack;

namespace ChatOps.IntegrationTests.Alertmanager;

/// <summary>
/// `silence …` typed in Slack (the host as Program builds it) against the real Alertmanager 0.25: the silence really
/// mutes, expiring it really unmutes, and an HA pair gets it once. Alertmanager delivers to a
/// <see cref="WebhookRecorder"/>, which shows re-sends the bot's own receiver would deduplicate away.
/// Conditions are polled with generous deadlines; nothing is timed.
/// </summary>
public sealed partial class SilenceEndToEndTests
{
    private const string Token = "am-bearer-for-tests";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private int responses;

    private static Task<SlackBotHost> StartHostAsync(params Uri[] peers) => SlackBotHost.StartAsync(s =>
    {
        s["ChatOps:Alertmanagers:lab:Url"] = peers[0].ToString();
        for (var i = 1; i < peers.Length; i++)
        {
            s[$"ChatOps:Alertmanagers:lab:Peers:{i - 1}"] = peers[i].ToString();
        }

        s["ChatOps:Alertmanagers:lab:RequestTimeout"] = "00:00:03";
    });

    private static object Alert(string name, string instance) => new Dictionary<string, object>
    {
        ["labels"] = new Dictionary<string, string>
        {
            ["alertname"] = name,
            ["severity"] = "warning",
            ["namespace"] = "shop",
            ["instance"] = instance,
        },
        ["annotations"] = new Dictionary<string, string> { ["summary"] = $"{name} on {instance}" },
        ["startsAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"),
        ["endsAt"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O"),
    };

    [Fact]
    public async Task SilenceFromChat_MutesTheAlert_StopsResends_ExtendMovesTheEnd_AndExpireRestoresIt()
    {
        await using var recorder = new WebhookRecorder();
        await using var alertmanager = await TestAlertmanager.StartAsync(recorder.Url, Token);
        await using var host = await StartHostAsync(alertmanager.Address);
        await alertmanager.PushAsync(Alert("Muted", "a"), Alert("Muted", "b"), Alert("Muted", "c"), Alert("Canary", "a"));
        await recorder.WaitForAsync("Muted", 1, 0, Deadline);
        var firing = await alertmanager.CountAsync("alertname=\"Muted\"");
        firing.ShouldBe(3);

        var created = await AnswerAsync(host, "silence Muted --for 1h --comment \"disk swap\"");

        created.ShouldContain($"{firing} firing alerts match");
        var id = SilenceId().Match(created).Groups[1].Value;
        id.ShouldNotBeEmpty(created);
        await PollAsync(async () => (await alertmanager.AlertNamesAsync(includeSilenced: false)) is var names && !names.Contains("Muted") && names.Contains("Canary"));
        (await alertmanager.AlertNamesAsync(includeSilenced: true)).Count(n => n == "Muted").ShouldBe(3);

        // Canary keeps being re-sent every repeat_interval; across several of its re-sends, Muted must not appear.
        // The first two Canary deliveries after the silence let any Muted notification already in flight land first.
        var start = await recorder.WaitForAsync("Canary", 2, recorder.Deliveries.Count, Deadline);
        var end = await recorder.WaitForAsync("Canary", 3, start, Deadline);
        recorder.Deliveries.Skip(start).Take(end - start).ShouldNotContain(d => d.AlertName == "Muted");

        var silence = (await alertmanager.SilencesAsync()).ShouldHaveSingleItem();
        silence["id"]!.GetValue<string>().ShouldBe(id);
        var requestId = (await host.AuditAsync()).Single(r => r.RawText.StartsWith("silence Muted", StringComparison.Ordinal)).RequestId;
        var createdBy = silence["createdBy"]!.GetValue<string>();
        createdBy.ShouldBe("u-alice (slack:U-ALICE)");
        silence["comment"]!.GetValue<string>().ShouldBe($"disk swap (chatops request {requestId})");
        var listed = await AnswerJsonAsync(host, "silence list");
        listed.ShouldContain(id);
        listed.ShouldContain(createdBy);
        listed.ShouldContain(requestId);

        var endsAt = DateTimeOffset.Parse(silence["endsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        (await AnswerAsync(host, $"silence extend {id} --for 1h")).ShouldContain($"extended silence {id} on lab");
        var extended = (await alertmanager.SilencesAsync()).Single(s => s["status"]!["state"]!.GetValue<string>() == "active");
        var newEnd = DateTimeOffset.Parse(extended["endsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        (newEnd - endsAt).ShouldBeInRange(TimeSpan.FromMinutes(59.9), TimeSpan.FromMinutes(60.1));
        var activeId = extended["id"]!.GetValue<string>();

        var expired = await AnswerAsync(host, $"silence expire {activeId}");

        expired.ShouldContain($"expired silence {activeId} on lab");
        await PollAsync(async () => (await alertmanager.AlertNamesAsync(includeSilenced: false)).Count(n => n == "Muted") == 3);
        await recorder.WaitForAsync("Muted", 1, recorder.Deliveries.Count, Deadline);
    }

    [Fact]
    public async Task HaPair_SilenceIsCreatedOnce_GossipCopiesIt_AndWithTheFirstPeerDownTheSecondAnswers()
    {
        await using var recorder = new WebhookRecorder();
        await using var first = await TestAlertmanager.StartAsync(recorder.Url, Token, clustered: true);
        await using var second = await TestAlertmanager.StartAsync(recorder.Url, Token, peer: first);
        await using var host = await StartHostAsync(first.Address, second.Address);
        await first.PushAsync(Alert("Muted", "a"));
        await second.PushAsync(Alert("Muted", "a"));

        var created = await AnswerAsync(host, "silence Muted --for 30m");

        created.ShouldContain("1 firing alert matches");
        var id = SilenceId().Match(created).Groups[1].Value;
        await PollAsync(async () => (await second.SilencesAsync()).Any(s => s["id"]!.GetValue<string>() == id));
        (await first.SilencesAsync()).ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldBe(id);
        (await second.SilencesAsync()).ShouldHaveSingleItem();
        await PollAsync(async () => !(await second.AlertNamesAsync(includeSilenced: false)).Contains("Muted"));

        await first.StopAsync();

        (await AnswerJsonAsync(host, "silence list")).ShouldContain(id);
        (await AnswerAsync(host, $"silence expire {id}")).ShouldContain($"expired silence {id} on lab");
        (await second.SilencesAsync()).ShouldHaveSingleItem()["status"]!["state"]!.GetValue<string>().ShouldBe("expired");
    }

    [Fact]
    public async Task UnknownSilenceIds_GetOneClearLine_AndChangeNothing()
    {
        await using var recorder = new WebhookRecorder();
        await using var alertmanager = await TestAlertmanager.StartAsync(recorder.Url, Token);
        await using var host = await StartHostAsync(alertmanager.Address);
        const string unknown = "00000000-0000-4000-8000-000000000000";

        var expire = await AnswerAsync(host, $"silence expire {unknown}");
        var extend = await AnswerAsync(host, $"silence extend {unknown} --for 1h");
        var garbage = await AnswerAsync(host, "silence expire not-an-id");

        expire.ShouldContain($"Alertmanager lab has no silence {unknown} (see `silence list --all`); nothing was expired");
        extend.ShouldContain($"Alertmanager lab has no silence {unknown} (see `silence list --all`); nothing was changed");
        // A malformed id never reaches Alertmanager: the validator's line, then the usual usage hint.
        garbage.ShouldStartWith("a silence id looks like 8f6d2c1e-5b7a-4c1d-9e0f-2a3b4c5d6e7f (see `silence list`)\nusage: silence expire");
        new[] { expire, extend }.ShouldAllBe(a => !a.Contains('\n'));
        (await alertmanager.SilencesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AlertmanagerDown_GetsOneClearLine_NamingItWithoutItsUrl()
    {
        var nothing = new Uri($"http://127.0.0.1:{ChatOps.IntegrationTests.Support.BotProcess.FreePort()}/");
        await using var host = await StartHostAsync(nothing);

        var created = await AnswerAsync(host, "silence Muted --for 1h");
        var listed = await AnswerAsync(host, "silence list");

        created.ShouldContain("Alertmanager lab is unavailable: unreachable");
        created.ShouldContain("nothing was silenced");
        listed.ShouldContain("Alertmanager lab is unavailable: unreachable");
        new[] { created, listed }.ShouldAllBe(a => !a.Contains('\n') && !a.Contains(nothing.Authority));
    }

    /// <summary>The answer's text, from the response body when it beat the ack budget, otherwise from response_url.</summary>
    private async Task<string> AnswerAsync(SlackBotHost host, string text) =>
        (await AnswerNodeAsync(host, text))["text"]!.GetValue<string>();

    /// <summary>The whole answer, blocks included (tables are rendered there).</summary>
    private async Task<string> AnswerJsonAsync(SlackBotHost host, string text) => (await AnswerNodeAsync(host, text)).ToJsonString();

    private async Task<JsonNode> AnswerNodeAsync(SlackBotHost host, string text)
    {
        var responseId = $"silence-{Interlocked.Increment(ref responses)}";
        var body = JsonNode.Parse(await (await host.CommandAsync(text, responseId: responseId)).Content.ReadAsStringAsync())!;
        return body["text"]!.GetValue<string>().StartsWith("Working on", StringComparison.Ordinal)
            ? (await host.Slack.WaitForAsync($"response:{responseId}", timeout: Deadline)).Json!
            : body;
    }

    private static async Task PollAsync(Func<Task<bool>> probe)
    {
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            if (await probe())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("condition not met before the deadline");
    }

    [GeneratedRegex("silence ([0-9a-f-]{36})")]
    private static partial Regex SilenceId();
}
