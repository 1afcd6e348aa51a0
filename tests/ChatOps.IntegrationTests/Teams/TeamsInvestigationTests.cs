using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Bot.Chat.Teams;
using ChatOps.IntegrationTests.Kubernetes;
using ChatOps.IntegrationTests.Metrics;
using ChatOps.SimCluster;
using SkiaSharp;

namespace ChatOps.IntegrationTests.Teams;

/// <summary>
/// Issue 14 on Teams, end to end through the Bot Framework stand-in: <c>logs -f</c> edits its reply as the simulated
/// container writes and its Stop button ends it; the alert card's Logs and Events buttons run the ordinary commands
/// as the clicker; <c>metrics</c> embeds its chart in the card.
/// </summary>
public sealed class TeamsInvestigationTests
{
    private const string AlertToken = "am-bearer-for-teams-tests";

    [Fact]
    public async Task LogsFollow_EditsTheReplyInPlace_Redacted_Bounded_AndItsStopButtonEndsIt()
    {
        await using var writing = await WritingCluster.StartAsync();
        var cluster = writing.Cluster;
        await using var host = await TeamsBotHost.StartAsync(s => writing.Configure(s, "00:05:00"));

        await host.PostAsync(host.Message($"logs {KubeTestCluster.Billing} -f --tail 200 -n {KubeTestCluster.Ns} --cluster prod-eks", user: TeamsBotHost.Carol));

        // An activity update (PUT) of the reply while it still follows: the first interim posted it, later ones edit it.
        var edit = await host.BotFramework.WaitForAsync(c => c.Method == "PUT" && c.Card.Contains("following until", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var reply = edit.Path[(edit.Path.LastIndexOf('/') + 1)..];
        var stop = edit.CardCommands()["Stop"];
        stop.ShouldStartWith("logs stop ");

        var clicked = await host.InvokeAsync(stop, TeamsBotHost.Carol, reply);

        clicked["value"]!.ToJsonString().ShouldContain("stopped following the log of");
        var final = await host.BotFramework.WaitForAsync(
            c => c.Method == "PUT" && c.Path.EndsWith($"/activities/{reply}", StringComparison.Ordinal) && c.Card.Contains("clicked Stop", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
        final.Card.ShouldContain($"stopped following: teams:{TeamsBotHost.Carol} clicked Stop");
        final.Card.ShouldContain("1 secret masked as ***", customMessage: "the tail reached back to the line that logs the password");
        final.CardCommands().ShouldNotContainKey("Stop");
        host.BotFramework.Calls.ShouldAllBe(c => !c.Body.Contains(PodLogs.LeakedPassword, StringComparison.Ordinal));
        host.BotFramework.Calls.Where(c => c.Card.Length > 0)
            .ShouldAllBe(c => Encoding.UTF8.GetByteCount(c.Body) <= AdaptiveCards.MaxMessageBytes, "every edit is a card Teams accepts");
        cluster.Server.Calls.ShouldContain(c => c.RbacResource == "pods/log" && c.Query.Contains("follow=true", StringComparison.Ordinal) && c.Query.Contains("limitBytes=", StringComparison.Ordinal));
        (await host.AuditAsync()).ShouldContain(r => r.UserId == TeamsBotHost.Carol && r.RawText == stop);
    }

    [Fact]
    public async Task AlertCard_LogsAndEventsButtons_RunTheCommandsAsTheClicker_Redacted()
    {
        await using var cluster = await KubeTestCluster.StartAsync();
        await using var host = await TeamsBotHost.StartAsync(s =>
        {
            s["ChatOps:Clusters:prod-eks:Kubeconfig"] = cluster.Kubeconfig;
            s["ChatOps:Clusters:prod-eks:DefaultNamespace"] = KubeTestCluster.Ns;
            s["ChatOps:Alertmanager:BearerToken"] = AlertToken;
            s["ChatOps:Alertmanager:Channel"] = $"teams:{TeamsBotHost.Channel}";
        });
        await host.AddBotToAsync(TeamsBotHost.Channel);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/alertmanager") { Content = new StringContent(Notification(), Encoding.UTF8, "application/json") })
        {
            request.Headers.Authorization = new("Bearer", AlertToken);
            (await host.Http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var card = await host.BotFramework.WaitForAsync(c => c.Method == "POST" && c.Card.Contains("\"Logs\"", StringComparison.Ordinal));
        var commands = card.CardCommands();
        commands["Logs"].ShouldBe($"logs deployment/{KubeTestCluster.Billing} -n {KubeTestCluster.Ns}");
        commands["Events"].ShouldBe($"events deployment/{KubeTestCluster.Billing} -n {KubeTestCluster.Ns}");
        var cardId = "act-1";

        // Logs as Action.Execute: the invoke response is the answer, for a viewer.
        var logs = (await host.InvokeAsync(commands["Logs"], TeamsBotHost.Carol, cardId))["value"]!.ToJsonString();
        logs.ShouldContain("carol clicked");
        logs.ShouldNotContain("denied");
        logs.ShouldContain(KubeTestCluster.Billing);

        // Events as Action.Submit: the card is updated in place.
        var submit = host.Message(string.Empty, user: TeamsBotHost.Carol, mention: false);
        submit["replyToId"] = cardId;
        submit["value"] = new JsonObject { ["command"] = commands["Events"] };
        (await host.PostAsync(submit)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var events = await host.BotFramework.WaitForAsync(c => c.Method == "PUT" && c.Path.EndsWith($"/activities/{cardId}", StringComparison.Ordinal)
            && c.Card.Contains("events deployment/", StringComparison.Ordinal));
        events.Card.ShouldNotContain("denied");

        host.BotFramework.Calls.ShouldAllBe(c => !c.Body.Contains(PodLogs.LeakedPassword, StringComparison.Ordinal));
        logs.ShouldNotContain(PodLogs.LeakedPassword);
        var audit = await host.AuditAsync();
        audit.ShouldContain(r => r.UserId == TeamsBotHost.Carol && r.RawText == commands["Logs"]);
        audit.ShouldContain(r => r.UserId == TeamsBotHost.Carol && r.RawText == commands["Events"]);
        cluster.Server.Calls.ShouldContain(c => c.RbacResource == "pods/log");
        cluster.Server.Calls.ShouldContain(c => c.RbacResource == "events");
    }

    [Fact]
    public async Task Metrics_EmbedsARealPngChartInTheCard_UnderTeamsLimit()
    {
        await using var host = await TeamsBotHost.StartAsync(s =>
        {
            s["ChatOps:Prometheus:main:Url"] = PrometheusHistory.Url;
            s["ChatOps:Prometheus:main:Clusters:0"] = "prod";
            s["ChatOps:Clusters:prod:Kubeconfig"] = "/dev/null";
        });
        var message = host.Message($"metrics {PrometheusHistory.Deployment} -n {PrometheusHistory.Namespace} --cluster prod --since 6h", user: TeamsBotHost.Carol);

        await host.PostAsync(message);

        var reply = await host.BotFramework.WaitForAsync(c => c.Card.Contains("\"Image\"", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Encoding.UTF8.GetByteCount(reply.Body).ShouldBeLessThanOrEqualTo(AdaptiveCards.MaxMessageBytes);
        var image = reply.Json!["attachments"]![0]!["content"]!["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "Image")!;
        var url = image["url"]!.GetValue<string>();
        url.ShouldStartWith("data:image/png;base64,");
        using var png = SKBitmap.Decode(Convert.FromBase64String(url["data:image/png;base64,".Length..]));
        png.ShouldNotBeNull("the embedded chart is not a PNG Skia can decode");
        png.Width.ShouldBeGreaterThan(100);
        Coloured(png).ShouldBeGreaterThan(100, "no series is drawn");
        reply.Card.ShouldContain("min ");
    }

    private static int Coloured(SKBitmap bitmap)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                count += Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 60 ? 1 : 0;
            }
        }

        return count;
    }

    private static string Notification() => new JsonObject
    {
        ["version"] = "4",
        ["groupKey"] = "{}:{alertname=\"PodCrashLooping\"}",
        ["status"] = "firing",
        ["receiver"] = "chatops",
        ["groupLabels"] = new JsonObject { ["alertname"] = "PodCrashLooping" },
        ["commonLabels"] = new JsonObject { ["alertname"] = "PodCrashLooping", ["severity"] = "warning", ["namespace"] = KubeTestCluster.Ns, ["deployment"] = KubeTestCluster.Billing },
        ["commonAnnotations"] = new JsonObject { ["summary"] = "billing restarts every minute" },
        ["alerts"] = new JsonArray(new JsonObject
        {
            ["status"] = "firing",
            ["labels"] = new JsonObject { ["alertname"] = "PodCrashLooping", ["severity"] = "warning", ["namespace"] = KubeTestCluster.Ns, ["deployment"] = KubeTestCluster.Billing },
            ["annotations"] = new JsonObject { ["summary"] = "billing restarts every minute" },
            ["startsAt"] = "2026-11-23T12:00:00Z",
            ["endsAt"] = "0001-01-01T00:00:00Z",
            ["generatorURL"] = "http://prometheus.example:9090/graph",
            ["fingerprint"] = "b111",
        }),
    }.ToJsonString();
}
