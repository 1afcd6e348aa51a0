using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Bot.Features.Silences;
using ChatOps.IntegrationTests.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Alertmanager;

/// <summary>
/// The alert card's silence buttons, clicked in the Slack stand-in, against the real Alertmanager 0.25: the click is
/// the ordinary `silence` command run as the clicker, and the card then says who silenced it until when.
/// </summary>
public sealed class SilenceCardClickTests
{
    private const string Token = "am-bearer-for-tests";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static Dictionary<string, string> Labels() => new()
    {
        ["alertname"] = "PodCrashLooping",
        ["severity"] = "warning",
        ["namespace"] = "shop",
        ["deployment"] = "web",
    };

    private static object Alert(DateTimeOffset endsAt) => new Dictionary<string, object>
    {
        ["labels"] = Labels(),
        ["annotations"] = new Dictionary<string, string> { ["summary"] = "web restarts every minute" },
        ["startsAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"),
        ["endsAt"] = endsAt.ToString("O"),
    };

    [Fact]
    public async Task SilenceButtons_RunAsTheClicker_MuteTheRealAlert_AndUntilResolvedEndsWhenItResolves()
    {
        await using var recorder = new WebhookRecorder();
        await using var alertmanager = await TestAlertmanager.StartAsync(recorder.Url, Token);
        await using var host = await SlackBotHost.StartAsync(s =>
        {
            s["ChatOps:Alertmanager:BearerToken"] = Token;
            s["ChatOps:Alertmanager:Channel"] = "slack:C-ALERTS";
            s["ChatOps:Alertmanagers:lab:Url"] = alertmanager.Address.ToString();
        });
        await alertmanager.PushAsync(Alert(DateTimeOffset.UtcNow.AddHours(1)));
        await PostNotificationAsync(host);
        var card = await host.Slack.WaitForAsync("chat.postMessage", c => c.Json?["channel"]?.GetValue<string>() == "C-ALERTS");
        var buttons = card.Json!["blocks"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .ToDictionary(e => e!["text"]!["text"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        buttons["Silence 1h"].ShouldBe("silence alertname=PodCrashLooping --for 1h");
        buttons["Silence until resolved-or-4h"].ShouldBe("silence alertname=PodCrashLooping --for 4h --until-resolved");

        await host.InteractionAsync(SlackInteractionTests.Payload("U-CAROL", buttons["Silence 1h"], host.Slack.ResponseUrl("carol").ToString()));
        var refused = await host.Slack.WaitForAsync("response:carol", timeout: Deadline);
        refused.Json!["response_type"]!.GetValue<string>().ShouldBe("ephemeral");
        refused.Body.ShouldContain("denied: `silence` needs operator");
        (await alertmanager.SilencesAsync()).ShouldBeEmpty();

        await host.InteractionAsync(SlackInteractionTests.Payload("U-ALICE", buttons["Silence until resolved-or-4h"], host.Slack.ResponseUrl("alice").ToString()));
        var update = await host.Slack.WaitForAsync("response:alice", timeout: Deadline);
        update.Json!["replace_original"]!.GetValue<bool>().ShouldBeTrue();
        update.Body.ShouldContain("Silenced by @u-alice until its alerts resolve or ");
        update.Body.ShouldContain("1 firing alert matches");
        var silence = (await alertmanager.SilencesAsync()).ShouldHaveSingleItem();
        silence["createdBy"]!.GetValue<string>().ShouldBe("u-alice (slack:U-ALICE)");
        silence["comment"]!.GetValue<string>().ShouldEndWith("[until resolved]");
        (await alertmanager.AlertNamesAsync(includeSilenced: false)).ShouldNotContain("PodCrashLooping");
        (await host.AuditAsync()).ShouldContain(r => r.UserId == "U-ALICE" && r.RawText == buttons["Silence until resolved-or-4h"]);

        var expirer = host.Services.GetRequiredService<ResolvedSilenceExpirer>();
        (await expirer.SweepAsync(CancellationToken.None)).ShouldBe(0, "the alert still fires");
        await alertmanager.PushAsync(Alert(DateTimeOffset.UtcNow.AddSeconds(-1)));
        var until = DateTime.UtcNow + Deadline;
        while (await expirer.SweepAsync(CancellationToken.None) == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the resolved alert should stop matching the silence");
            await Task.Delay(200);
        }

        (await alertmanager.SilencesAsync()).ShouldHaveSingleItem()["status"]!["state"]!.GetValue<string>().ShouldBe("expired");
    }

    private static async Task PostNotificationAsync(SlackBotHost host)
    {
        var labels = new JsonObject();
        foreach (var (name, value) in Labels())
        {
            labels[name] = value;
        }

        var body = new JsonObject
        {
            ["version"] = "4",
            ["groupKey"] = "{}:{alertname=\"PodCrashLooping\"}",
            ["status"] = "firing",
            ["receiver"] = "chatops",
            ["groupLabels"] = new JsonObject { ["alertname"] = "PodCrashLooping" },
            ["commonLabels"] = labels.DeepClone(),
            ["commonAnnotations"] = new JsonObject { ["summary"] = "web restarts every minute" },
            ["alerts"] = new JsonArray(new JsonObject
            {
                ["status"] = "firing",
                ["labels"] = labels,
                ["annotations"] = new JsonObject { ["summary"] = "web restarts every minute" },
                ["startsAt"] = "2026-11-23T12:00:00Z",
                ["endsAt"] = "0001-01-01T00:00:00Z",
                ["fingerprint"] = "f00d",
            }),
        };
        using var http = new HttpClient { BaseAddress = host.Http.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/alertmanager") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", Token);
        (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }
}
