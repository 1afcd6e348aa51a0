using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Bot.Parsing;
using ChatOps.IntegrationTests.Slack;

namespace ChatOps.IntegrationTests.Alertmanager;

/// <summary>The alert card's buttons are ordinary commands: a click runs through the pipeline as the person who clicked.</summary>
public sealed class AlertCardClickTests
{
    private const string Token = "am-bearer-for-tests";

    [Fact]
    public async Task CardButtons_RunAsTheClicker_WithTheirRoles()
    {
        await using var host = await SlackBotHost.StartAsync(s =>
        {
            s["ChatOps:Alertmanager:BearerToken"] = Token;
            s["ChatOps:Alertmanager:Channel"] = "slack:C-ALERTS";
            s["ChatOps:Clusters:staging:Kubeconfig"] = "/dev/null";
        });
        using (var http = new HttpClient { BaseAddress = host.Http.BaseAddress })
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/alertmanager") { Content = new StringContent(Notification(), Encoding.UTF8, "application/json") })
        {
            request.Headers.Authorization = new("Bearer", Token);
            (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var card = await host.Slack.WaitForAsync("chat.postMessage", c => c.Json?["channel"]?.GetValue<string>() == "C-ALERTS");
        var buttons = card.Json!["blocks"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .ToDictionary(e => e!["text"]!["text"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        buttons.Keys.ShouldBe(["Status", "Logs", "Events", "Rollback", "Scale +1", "Declare incident"]);
        buttons["Logs"].ShouldBe("logs deployment/web -n shop");

        // A viewer may look: the Logs click is the typed command, run and audited as the clicker (the cluster is unreachable here).
        await host.InteractionAsync(SlackInteractionTests.Payload("U-CAROL", buttons["Logs"], host.Slack.ResponseUrl("logs").ToString()));
        var looked = await host.Slack.WaitForAsync("response:logs");
        looked.Body.ShouldNotContain("denied");

        await host.InteractionAsync(SlackInteractionTests.Payload("U-CAROL", buttons["Rollback"], host.Slack.ResponseUrl("rollback").ToString()));
        var refused = await host.Slack.WaitForAsync("response:rollback");
        refused.Json!["response_type"]!.GetValue<string>().ShouldBe("ephemeral");
        refused.Body.ShouldContain("denied: `rollout undo` needs operator");

        await host.InteractionAsync(SlackInteractionTests.Payload("U-CAROL", buttons["Declare incident"], host.Slack.ResponseUrl("declare").ToString()));
        var declared = await host.Slack.WaitForAsync("response:declare");
        declared.Body.ShouldContain("declared INC-");
        var incident = (await host.Store.ListIncidentsAsync(openOnly: true, CancellationToken.None)).ShouldHaveSingleItem();
        incident.Severity.ShouldBe("P3");
        incident.DeclaredBy.ShouldBe("u-carol");
        (await host.AuditAsync()).ShouldContain(r => r.UserId == "U-CAROL" && r.RawText == buttons["Rollback"]);
        (await host.AuditAsync()).ShouldContain(r => r.UserId == "U-CAROL" && r.RawText == buttons["Logs"]);
    }

    private static string Notification() => new JsonObject
    {
        ["version"] = "4",
        ["groupKey"] = "{}:{alertname=\"PodCrashLooping\"}",
        ["status"] = "firing",
        ["receiver"] = "chatops",
        ["groupLabels"] = new JsonObject { ["alertname"] = "PodCrashLooping" },
        ["commonLabels"] = new JsonObject { ["alertname"] = "PodCrashLooping", ["severity"] = "warning", ["namespace"] = "shop", ["deployment"] = "web" },
        ["commonAnnotations"] = new JsonObject { ["summary"] = "web restarts every minute" },
        ["alerts"] = new JsonArray(new JsonObject
        {
            ["status"] = "firing",
            ["labels"] = new JsonObject { ["alertname"] = "PodCrashLooping", ["severity"] = "warning", ["namespace"] = "shop", ["deployment"] = "web" },
            ["annotations"] = new JsonObject { ["summary"] = "web restarts every minute" },
            ["startsAt"] = "2026-11-23T12:00:00Z",
            ["endsAt"] = "0001-01-01T00:00:00Z",
            ["generatorURL"] = "http://prometheus.example:9090/graph",
            ["fingerprint"] = "f00d",
        }),
    }.ToJsonString();
}
