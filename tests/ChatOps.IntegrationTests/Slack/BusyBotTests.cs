using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Approvals;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.IntegrationTests.Slack;

/// <summary>
/// Admission control (issue 19) through the real host: with every command slot taken, Slack gets the friendly busy
/// answer, Alertmanager a 503 with <c>Retry-After</c>, and nothing is claimed, so the same request works once a slot
/// is free. The slot is taken through the host's own <see cref="InFlightCommands"/>, so no timing is involved.
/// </summary>
public sealed class BusyBotTests
{
    private const string Token = "am-bearer-for-busy-tests";

    private static Task<SlackBotHost> StartBusyCapableAsync() => SlackBotHost.StartAsync(s =>
    {
        s["ChatOps:Dispatch:MaxInFlight"] = "1";
        s["ChatOps:Dispatch:BusyRetryAfter"] = "00:00:09";
        s["ChatOps:Alertmanager:BearerToken"] = Token;
        s["ChatOps:Alertmanager:Channel"] = "slack:C-ALERTS";
    });

    private static InFlightCommands TakeTheOnlySlot(SlackBotHost host)
    {
        var inFlight = host.Services.GetRequiredService<InFlightCommands>();
        inFlight.TryEnter().ShouldBe(Admission.Admitted);
        return inFlight;
    }

    [Fact]
    public async Task SlashCommand_OnABusyBot_GetsTheEphemeralBusyAnswer_AndRunsOnceASlotIsFree()
    {
        await using var host = await StartBusyCapableAsync();
        var inFlight = TakeTheOnlySlot(host);
        var refusedBefore = await OverloadedAsync(host, "slack");

        var busy = await host.CommandAsync("whoami");

        busy.StatusCode.ShouldBe(HttpStatusCode.OK, "Slack shows a 200's body to the user; anything else is a generic error");
        var answer = JsonNode.Parse(await busy.Content.ReadAsStringAsync())!;
        answer["response_type"]!.GetValue<string>().ShouldBe("ephemeral");
        answer["text"]!.GetValue<string>().ShouldBe(CommandDispatcher.Busy);
        (await OverloadedAsync(host, "slack")).ShouldBe(refusedBefore + 1);

        inFlight.Exit();
        var ran = JsonNode.Parse(await (await host.CommandAsync("whoami")).Content.ReadAsStringAsync())!;
        ran["text"]!.GetValue<string>().ShouldNotBe(CommandDispatcher.Busy);
        ran["text"]!.GetValue<string>().ShouldContain("U-ALICE");
        inFlight.Count.ShouldBe(0);
    }

    [Fact]
    public async Task ButtonClick_OnABusyBot_IsAnsweredPrivately_ClaimsNothing_AndTheSameClickWorksLater()
    {
        await using var host = await StartBusyCapableAsync();
        var id = await SlackCommandTests.PendingApprovalAsync(host, "U-ALICE");
        var payload = SlackInteractionTests.Payload("U-BOB", $"approve {id}", host.Slack.ResponseUrl("card").ToString());
        var inFlight = TakeTheOnlySlot(host);

        (await host.InteractionAsync(payload)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var busy = await host.Slack.WaitForAsync("response:card");
        busy.Json!["replace_original"]!.GetValue<bool>().ShouldBeFalse("the card keeps its buttons for the retry");
        busy.Json!["response_type"]!.GetValue<string>().ShouldBe("ephemeral");
        busy.Body.ShouldContain(CommandDispatcher.Busy);
        (await host.Services.GetRequiredService<IApprovalStore>().GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Pending);

        inFlight.Exit();
        (await host.InteractionAsync(payload)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var update = await host.Slack.WaitForAsync("response:card", c => c.Json?["replace_original"]?.GetValue<bool>() == true);
        update.Body.ShouldContain("approved by slack:U-BOB");
        (await host.Services.GetRequiredService<IApprovalStore>().GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Executed);
    }

    [Fact]
    public async Task AlertmanagerWebhook_OnABusyBot_Gets503WithRetryAfter_AndItsRetryIsAccepted()
    {
        await using var host = await StartBusyCapableAsync();
        using var alertmanager = new HttpClient { BaseAddress = host.Http.BaseAddress };
        alertmanager.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var inFlight = TakeTheOnlySlot(host);
        var refusedBefore = await OverloadedAsync(host, "alertmanager");

        using var busy = await alertmanager.PostAsync(new Uri("/alertmanager", UriKind.Relative), Notification());

        busy.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "Alertmanager keeps the notification and retries a 5xx");
        busy.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(9));
        (await OverloadedAsync(host, "alertmanager")).ShouldBe(refusedBefore + 1);

        inFlight.Exit();
        using var retried = await alertmanager.PostAsync(new Uri("/alertmanager", UriKind.Relative), Notification());

        retried.StatusCode.ShouldBe(HttpStatusCode.Accepted, "the busy call was never recorded, so its retry is new");
    }

    /// <summary>
    /// The refusal counter as <c>/metrics</c> shows it. The collectors are process-wide, so the tests compare before and
    /// after; only this class makes the bot busy, and its tests run one after another.
    /// </summary>
    private static async Task<double> OverloadedAsync(SlackBotHost host, string platform)
    {
        var prefix = $"chatops_commands_overloaded_total{{platform=\"{platform}\"}} ";
        var line = (await host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)))
            .Split('\n')
            .FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A firing notification shaped like Alertmanager 0.25 sends it.</summary>
    private static ByteArrayContent Notification()
    {
        var labels = new JsonObject { ["alertname"] = "HighErrorRate", ["severity"] = "critical", ["namespace"] = "shop" };
        var body = new JsonObject
        {
            ["receiver"] = "chatops",
            ["status"] = "firing",
            ["alerts"] = new JsonArray(new JsonObject
            {
                ["status"] = "firing",
                ["labels"] = labels.DeepClone(),
                ["annotations"] = new JsonObject { ["summary"] = "5xx above 5% on checkout" },
                ["startsAt"] = "2026-11-23T11:58:00.000Z",
                ["endsAt"] = "0001-01-01T00:00:00Z",
                ["generatorURL"] = "http://prometheus.example:9090/graph?g0.expr=errors",
                ["fingerprint"] = "busy-a1",
            }),
            ["groupLabels"] = new JsonObject { ["alertname"] = "HighErrorRate" },
            ["commonLabels"] = labels,
            ["commonAnnotations"] = new JsonObject { ["summary"] = "5xx above 5% on checkout" },
            ["externalURL"] = "http://alertmanager.example:9093",
            ["version"] = "4",
            ["groupKey"] = "{}:{alertname=\"HighErrorRate\"}",
            ["truncatedAlerts"] = 0,
        };
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
