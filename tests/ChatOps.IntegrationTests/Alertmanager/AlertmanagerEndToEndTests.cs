using System.Net;
using System.Text;
using ChatOps.Bot.Features.Incidents;
using ChatOps.IntegrationTests.Slack;

namespace ChatOps.IntegrationTests.Alertmanager;

/// <summary>
/// The bot host as Program builds it (Slack pointed at FakeSlackApi) fed by a real Alertmanager: rule
/// severity=critical → P1, cards to slack:C-ALERTS. Conditions are polled with generous deadlines; nothing is timed.
/// </summary>
public sealed class AlertmanagerEndToEndTests
{
    private const string Token = "am-bearer-for-tests";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static Task<SlackBotHost> StartHostAsync(string token = Token) => SlackBotHost.StartAsync(s =>
    {
        s["ChatOps:Alertmanager:BearerToken"] = token;
        s["ChatOps:Alertmanager:Channel"] = "slack:C-ALERTS";
        s["ChatOps:Alertmanager:Rules:0:Match:severity"] = "critical";
        s["ChatOps:Alertmanager:Rules:0:Severity"] = "P1";
        s["ChatOps:Roles:Bindings:13:Subject"] = "alertmanager:alertmanager";
        s["ChatOps:Roles:Bindings:13:Role"] = "viewer";
    });

    private static object Alert(DateTimeOffset startsAt, DateTimeOffset? endsAt = null) => new Dictionary<string, object>
    {
        ["labels"] = new Dictionary<string, string>
        {
            ["alertname"] = "HighErrorRate",
            ["severity"] = "critical",
            ["namespace"] = "shop",
            ["deployment"] = "web",
        },
        ["annotations"] = new Dictionary<string, string> { ["summary"] = "5xx above 5% on checkout" },
        ["generatorURL"] = "http://prometheus.example:9090/graph?g0.expr=errors",
        ["startsAt"] = startsAt.ToString("O"),
        ["endsAt"] = (endsAt ?? startsAt.AddHours(1)).ToString("O"),
    };

    [Fact]
    public async Task FiringCriticalAlert_DeclaresExactlyOneP1_ThroughResends_AndResolvingItUpdatesTheCard()
    {
        await using var host = await StartHostAsync();
        await using var alertmanager = await TestAlertmanager.StartAsync(new Uri(host.Http.BaseAddress!, "/alertmanager"), Token);
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-5);

        await alertmanager.PushAsync(Alert(startsAt));

        var card = await host.Slack.WaitForAsync("chat.postMessage",
            c => c.Json?["channel"]?.GetValue<string>() == "C-ALERTS" && c.Json?["thread_ts"] is null, Deadline);
        card.Body.ShouldContain("[FIRING:1] HighErrorRate");
        card.Body.ShouldContain("scale web --by 1 -n shop");
        card.Body.ShouldContain("http://prometheus.example:9090/graph?g0.expr=errors");
        var incident = await PollAsync(async () => (await host.Store.ListIncidentsAsync(openOnly: true, CancellationToken.None)).SingleOrDefault());
        incident.Severity.ShouldBe("P1");
        incident.Title.ShouldBe("HighErrorRate: 5xx above 5% on checkout");

        // Alertmanager re-sends the unchanged group every repeat_interval; each must be recognised as a duplicate.
        var sent = await alertmanager.NotificationsSentAsync();
        await PollAsync(async () => await alertmanager.NotificationsSentAsync() >= sent + 2 ? true : (bool?)null);
        (await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).ShouldContain("chatops_alert_notifications_total{result=\"duplicate\"}");
        (await host.Store.ListIncidentsAsync(openOnly: false, CancellationToken.None)).ShouldHaveSingleItem().Id.ShouldBe(incident.Id);
        CardPosts(host).ShouldBe(1);
        (await host.AuditAsync()).Count(r => r.UserId == "alertmanager" && r.RawText.StartsWith("incident declare P1", StringComparison.Ordinal))
            .ShouldBe(1);

        await alertmanager.PushAsync(Alert(startsAt, DateTimeOffset.UtcNow.AddSeconds(-10)));

        var update = await host.Slack.WaitForAsync("chat.update", c => c.Body.Contains("[RESOLVED] HighErrorRate", StringComparison.Ordinal), Deadline);
        update.Json!["ts"]!.GetValue<string>().ShouldBe(await CardTsAsync(host));
        update.Json!["blocks"]!.AsArray().ShouldNotContain(b => b!["type"]!.GetValue<string>() == "actions");
        var entry = await PollAsync(async () =>
            (await host.Store.GetTimelineAsync(incident.Id, CancellationToken.None)).FirstOrDefault(e => e.Kind == TimelineKind.Alert));
        entry.Text.ShouldStartWith("alert resolved: HighErrorRate");
        (await host.Store.ListIncidentsAsync(openOnly: false, CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task WrongToken_FromTheRealAlertmanager_IsRefused_AndNothingIsPostedOrDeclared()
    {
        await using var host = await StartHostAsync();
        await using var alertmanager = await TestAlertmanager.StartAsync(new Uri(host.Http.BaseAddress!, "/alertmanager"), "not-the-token");

        await alertmanager.PushAsync(Alert(DateTimeOffset.UtcNow.AddSeconds(-30)));

        // A 401 is not retried: Alertmanager counts it as a failed notification and gives up on that one.
        await PollAsync(async () => await alertmanager.NotificationsFailedAsync() >= 1 ? true : (bool?)null);
        CardPosts(host).ShouldBe(0);
        (await host.Store.ListIncidentsAsync(openOnly: false, CancellationToken.None)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, "{\"version\":\"4\"}", HttpStatusCode.Unauthorized, "missing or wrong bearer token")]
    [InlineData("Bearer wrong", "{\"version\":\"4\"}", HttpStatusCode.Unauthorized, "missing or wrong bearer token")]
    [InlineData("Bearer " + Token, "{not json", HttpStatusCode.BadRequest, "body is not JSON")]
    [InlineData("Bearer " + Token, "{\"version\":\"3\",\"groupKey\":\"g\",\"status\":\"firing\",\"alerts\":[]}", HttpStatusCode.BadRequest, "unsupported payload version '3'")]
    [InlineData("Bearer " + Token, "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[]}", HttpStatusCode.BadRequest, "missing groupKey")]
    public async Task BadTokensAndPayloads_Get4xxWithAReason_AndNothingIsDeclared(string? authorization, string body, HttpStatusCode expected, string reason)
    {
        await using var host = await StartHostAsync();

        using var response = await PostAsync(host, authorization, body);

        response.StatusCode.ShouldBe(expected);
        (await response.Content.ReadAsStringAsync()).ShouldStartWith(reason);
        (await host.Store.ListIncidentsAsync(openOnly: false, CancellationToken.None)).ShouldBeEmpty();
        CardPosts(host).ShouldBe(0);
    }

    [Fact]
    public async Task WithoutAConfiguredToken_TheEndpointIsDisabled()
    {
        await using var host = await StartHostAsync(token: string.Empty);

        using var response = await PostAsync(host, "Bearer anything", "{}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ChatOps:Alertmanager:BearerToken");
    }

    private static async Task<HttpResponseMessage> PostAsync(SlackBotHost host, string? authorization, string body)
    {
        using var http = new HttpClient { BaseAddress = host.Http.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/alertmanager") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Cards are top-level posts to C-ALERTS; the declaration's answer goes in the card's thread.</summary>
    private static int CardPosts(SlackBotHost host) =>
        host.Slack.CallsTo("chat.postMessage").Count(c => c.Json?["channel"]?.GetValue<string>() == "C-ALERTS" && c.Json?["thread_ts"] is null);

    private static async Task<string> CardTsAsync(SlackBotHost host) =>
        (await host.Store.GetAlertGroupAsync("{}:{alertname=\"HighErrorRate\"}", CancellationToken.None))!.MessageId!;

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe)
    {
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("condition not met before the deadline");
    }
}
