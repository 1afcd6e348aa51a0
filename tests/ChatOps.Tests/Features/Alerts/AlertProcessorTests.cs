using ChatOps.Bot.Features.Alerts;
using ChatOps.Bot.Features.Incidents;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Features.Alerts;

/// <summary>Notifications through the processor with the real pipeline: rule severity=critical → P1, cards to slack:C-ALERTS.</summary>
public sealed class AlertProcessorTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static TestBot Create(bool bindAlertmanager = true) => TestBot.Create(s =>
    {
        s["ChatOps:Alertmanager:BearerToken"] = "token-for-tests";
        s["ChatOps:Alertmanager:Channel"] = "slack:C-ALERTS";
        s["ChatOps:Alertmanager:ScaleStep"] = "2";
        s["ChatOps:Alertmanager:Rules:0:Match:severity"] = "critical";
        s["ChatOps:Alertmanager:Rules:0:Severity"] = "P1";
        if (bindAlertmanager)
        {
            s["ChatOps:Roles:Bindings:9:Subject"] = "alertmanager:alertmanager";
            s["ChatOps:Roles:Bindings:9:Role"] = "viewer";
        }
    });

    private static async Task ProcessAsync(TestBot bot, System.Text.Json.Nodes.JsonObject body)
    {
        var payload = AlertmanagerPayload.Parse(AlertPayloads.Bytes(body), out var error) ?? throw new InvalidOperationException(error);
        var now = bot.Clock.GetUtcNow();
        (await bot.Store.TryRecordNotificationAsync(payload.DeduplicationKey, payload.GroupKey, payload.Status, now, now + AlertProcessor.Lease, Ct))
            .ShouldBeTrue();
        await ActivatorUtilities.CreateInstance<AlertProcessor>(bot.Services).ProcessAsync(payload, payload.DeduplicationKey, Ct);
        (await bot.Store.TryRecordNotificationAsync(payload.DeduplicationKey, payload.GroupKey, payload.Status, now, now + AlertProcessor.Lease, Ct))
            .ShouldBeFalse("a handled notification is never handled again");
    }

    [Fact]
    public async Task FiringCritical_PostsTheCard_AndDeclaresOneP1AsAlertmanager_AnsweringInTheCardsThread()
    {
        await using var bot = Create();

        await ProcessAsync(bot, AlertPayloads.Notification());

        var card = bot.Chat.Posts[0];
        card.Channel.ShouldBe("C-ALERTS");
        card.Result!.Title.ShouldBe("[FIRING:1] HighErrorRate");
        card.Result.Buttons.Select(b => b.Command).ShouldContain("scale web --by 2 -n shop");
        var incident = (await bot.Store.ListIncidentsAsync(openOnly: true, Ct)).ShouldHaveSingleItem();
        incident.Severity.ShouldBe("P1");
        incident.Title.ShouldBe("HighErrorRate: 5xx above 5% on checkout");
        incident.DeclaredBy.ShouldBe("Alertmanager");
        var answer = bot.Chat.Posts[1];
        answer.ThreadId.ShouldBe("1");
        answer.Text.ToString().ShouldContain($"declared {incident.Id}");
        bot.Store.Entries.ShouldContain(e => e.Record.UserId == "alertmanager" && e.Record.RawText.StartsWith("incident declare P1", StringComparison.Ordinal));
        (await bot.Store.GetAlertGroupAsync("{}:{alertname=\"HighErrorRate\"}", Ct))!.IncidentId.ShouldBe(incident.Id);
    }

    [Fact]
    public async Task ARuleWithACommander_DeclaresWithThatCommander_InvitedToTheIncidentsChannel()
    {
        await using var bot = TestBot.Create(s =>
        {
            s["ChatOps:Alertmanager:BearerToken"] = "token-for-tests";
            s["ChatOps:Alertmanager:Channel"] = "slack:C-ALERTS";
            s["ChatOps:Alertmanager:Rules:0:Match:severity"] = "critical";
            s["ChatOps:Alertmanager:Rules:0:Severity"] = "P1";
            s["ChatOps:Alertmanager:Rules:0:Commander"] = "U0ONCALL";
            s["ChatOps:Roles:Bindings:9:Subject"] = "alertmanager:alertmanager";
            s["ChatOps:Roles:Bindings:9:Role"] = "viewer";
        });

        bot.SlackUsers.Users["U0ONCALL"] = "oncall";

        await ProcessAsync(bot, AlertPayloads.Notification());

        var incident = (await bot.Store.ListIncidentsAsync(openOnly: true, Ct)).ShouldHaveSingleItem();
        incident.Commander.ShouldBe("slack:U0ONCALL");
        incident.CommanderName.ShouldBe("oncall");
        incident.IncidentChannel.ShouldNotBeNull("the incident lives on the card's platform, so it gets a real channel");
        bot.Chat.Members(incident.IncidentChannel).ShouldBe(["U0ONCALL"], "the alertmanager identity is no Slack user to invite");
    }

    [Fact]
    public async Task MoreAlertsInTheSameGroup_UpdateTheCardInPlace_AndDeclareNothingMore()
    {
        await using var bot = Create();
        await ProcessAsync(bot, AlertPayloads.Notification());

        await ProcessAsync(bot, AlertPayloads.Notification(alerts: [AlertPayloads.Alert("a1"), AlertPayloads.Alert("a2", deployment: "api")]));

        (await bot.Store.ListIncidentsAsync(openOnly: false, Ct)).Count.ShouldBe(1);
        bot.Chat.Posts.Count.ShouldBe(2);
        var (message, update) = bot.Chat.Updates.ShouldHaveSingleItem();
        message.MessageId.ShouldBe("1");
        update.Result!.Title.ShouldBe("[FIRING:2] HighErrorRate");
    }

    [Fact]
    public async Task Resolved_UpdatesTheCard_AndAddsAnAlertEntryToTheIncidentTimeline()
    {
        await using var bot = Create();
        await ProcessAsync(bot, AlertPayloads.Notification());
        var incident = (await bot.Store.ListIncidentsAsync(openOnly: true, Ct)).Single();

        await ProcessAsync(bot, AlertPayloads.Notification("resolved", alerts: AlertPayloads.Alert("a1", "resolved")));

        var (message, update) = bot.Chat.Updates.ShouldHaveSingleItem();
        message.MessageId.ShouldBe("1");
        update.Result!.Title.ShouldBe("[RESOLVED] HighErrorRate");
        update.Result.Buttons.ShouldBeEmpty();
        var entry = (await bot.Store.GetTimelineAsync(incident.Id, Ct))[^1];
        entry.Kind.ShouldBe(TimelineKind.Alert);
        entry.Text.ShouldStartWith("alert resolved: HighErrorRate");
    }

    [Fact]
    public async Task AfterTheIncidentIsResolved_ANewFiringEpisode_PostsANewCard_AndDeclaresAgain()
    {
        await using var bot = Create();
        await ProcessAsync(bot, AlertPayloads.Notification());
        await ProcessAsync(bot, AlertPayloads.Notification("resolved", alerts: AlertPayloads.Alert("a1", "resolved")));
        var first = (await bot.Store.ListIncidentsAsync(openOnly: true, Ct)).Single();
        (await bot.RunAsync("alice", $"incident resolve {first.Id} fixed")).IsSuccess.ShouldBeTrue();

        await ProcessAsync(bot, WithStart(AlertPayloads.Notification(), "2026-11-23T13:00:00.000Z"));

        (await bot.Store.ListIncidentsAsync(openOnly: true, Ct)).ShouldHaveSingleItem().Id.ShouldNotBe(first.Id);
        bot.Chat.Posts.Count(p => p.Channel == "C-ALERTS" && p.ThreadId is null).ShouldBe(2);
    }

    [Fact]
    public async Task WithoutARoleForAlertmanager_TheDeclarationIsDenied_NothingIsDeclared_AndTheGroupIsFreeAgain()
    {
        await using var bot = Create(bindAlertmanager: false);

        await ProcessAsync(bot, AlertPayloads.Notification());

        (await bot.Store.ListIncidentsAsync(openOnly: false, Ct)).ShouldBeEmpty();
        bot.Chat.Posts[1].Text.ToString().ShouldContain("alertmanager:alertmanager has no role");
        var now = bot.Clock.GetUtcNow();
        (await bot.Store.TryClaimIncidentAsync("{}:{alertname=\"HighErrorRate\"}", "next", now, now.AddMinutes(1), Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task WithoutAMatchingRule_OnlyTheCardIsPosted()
    {
        await using var bot = Create();

        await ProcessAsync(bot, AlertPayloads.Notification(alerts: AlertPayloads.Alert("a1", severity: "warning")));

        bot.Chat.Posts.ShouldHaveSingleItem().Result!.Buttons[^1].Command.ShouldStartWith("incident declare P3 ");
        (await bot.Store.ListIncidentsAsync(openOnly: false, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AFailedChatPost_IsRetried_WithoutASecondCardOrIncident()
    {
        await using var bot = Create();
        var payload = AlertmanagerPayload.Parse(AlertPayloads.Bytes(AlertPayloads.Notification()), out _)!;
        bot.Chat.FailNext = 1;

        await bot.Clock.RunAsync(ActivatorUtilities.CreateInstance<AlertProcessor>(bot.Services).ProcessWithRetriesAsync(payload, payload.DeduplicationKey, Ct));

        bot.Chat.Posts.Count(p => p.ThreadId is null).ShouldBe(1);
        (await bot.Store.ListIncidentsAsync(openOnly: false, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task TwoReplicas_WithTwoNotificationsOfABrandNewGroup_PostOneCard_AndTheLoserUpdatesIt()
    {
        await using var bot = Create();
        using var posting = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var posts = 0;
        bot.Chat.BeforePost = () =>
        {
            if (Interlocked.Increment(ref posts) == 1)
            {
                posting.Release();
                release.Wait(TimeSpan.FromMinutes(1));
            }
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var winner = Task.Run(() => ProcessAsync(bot, AlertPayloads.Notification()));
        await posting.WaitAsync(timeout.Token);
        var loser = Task.Run(() => ProcessAsync(bot, AlertPayloads.Notification(alerts: [AlertPayloads.Alert("a1"), AlertPayloads.Alert("a2", deployment: "api")])));
        while (bot.Store.CardClaimAttempts < 2)
        {
            await Task.Delay(10, timeout.Token);
        }

        release.Set();
        await winner;
        // Only now move time to the loser's next poll: moving it earlier could lapse the winner's claim.
        await bot.Clock.RunAsync(loser);

        bot.Chat.Posts.Count(p => p.ThreadId is null).ShouldBe(1, "one card for the group");
        var (message, update) = bot.Chat.Updates.ShouldHaveSingleItem();
        message.MessageId.ShouldBe("1");
        update.Result!.Title.ShouldBe("[FIRING:2] HighErrorRate");
        (await bot.Store.GetAlertGroupAsync("{}:{alertname=\"HighErrorRate\"}", Ct))!.MessageId.ShouldBe("1");
        (await bot.Store.ListIncidentsAsync(openOnly: false, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ACardClaimLeftByADeadReplica_IsTakenOverOnceItLapses()
    {
        await using var bot = Create();
        var now = bot.Clock.GetUtcNow();
        (await bot.Store.TryClaimAlertCardAsync("{}:{alertname=\"HighErrorRate\"}", "dead-replica", now, now + AlertProcessor.Lease, Ct)).ShouldBeTrue();
        bot.Clock.Advance(AlertProcessor.Lease);

        await ProcessAsync(bot, AlertPayloads.Notification());

        bot.Chat.Posts.Count(p => p.ThreadId is null).ShouldBe(1);
        (await bot.Store.GetAlertGroupAsync("{}:{alertname=\"HighErrorRate\"}", Ct))!.MessageId.ShouldBe("1");
    }

    private static System.Text.Json.Nodes.JsonObject WithStart(System.Text.Json.Nodes.JsonObject body, string startsAt)
    {
        body["alerts"]![0]!["startsAt"] = startsAt;
        return body;
    }
}
