using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Core;
using ChatOps.Bot.Core.Text;
using ChatOps.Bot.Features.Incidents;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Features.Incidents;

/// <summary>SLA timers on a manual clock: remind the commander in the incident channel, then escalate; re-armed and disarmed by the lifecycle.</summary>
public sealed class IncidentTimerTests
{
    private const string Home = "slack:C-inc-2026-0001-checkout-down";

    private static TestBot Create() => IncidentBots.Slack(s => s["ChatOps:Incidents:EscalateAfter"] = "00:10:00");

    private static Task<int> RunWorker(TestBot bot) => bot.Services.GetRequiredService<IncidentWorker>().RunOnceAsync(CancellationToken.None);

    private static async Task<TestBot> Declared()
    {
        var bot = Create();
        (await bot.RunAs("U100", "uma", "incident declare P1 checkout down --commander <@U200|bob>")).Outcome.ShouldBe(Outcome.Succeeded);
        return bot;
    }

    private static IReadOnlyList<string> Posts(TestBot bot, string destination, string startsWith) =>
        bot.Store.Outbox.Where(o => o.Destination == destination && o.Plain().StartsWith(startsWith, StringComparison.Ordinal)).Select(o => o.Plain()).ToList();

    [Fact]
    public async Task MissedUpdate_RemindsTheCommanderInTheIncidentChannelOnce_ThenEscalatesToTheAnnouncementsChannel()
    {
        await using var bot = await Declared();

        bot.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        (await RunWorker(bot)).ShouldBe(0);
        bot.Clock.Advance(TimeSpan.FromSeconds(1));
        (await RunWorker(bot)).ShouldBe(1);
        (await RunWorker(bot)).ShouldBe(0, "a timer fires once");

        // The home channel is on Slack: rendered there, the commander is a real mention and the rest is escaped text.
        SlackMrkdwn.Render(ChatText.Decode(bot.Store.Outbox.Single(o => o.Destination == Home && o.Plain().StartsWith("Reminder", StringComparison.Ordinal)).Text)).ShouldBe(
            "Reminder: INC-2026-0001 [P1] checkout down — the update due at 2026-11-23 12:15 UTC has not been posted. " +
            "<@U200>, please post one: `incident update &lt;what changed&gt;`");
        Posts(bot, "slack:C-INCIDENTS", "Escalation").ShouldBeEmpty();

        bot.Clock.Advance(TimeSpan.FromMinutes(10));
        (await RunWorker(bot)).ShouldBe(1);
        (await RunWorker(bot)).ShouldBe(0);
        bot.Clock.Advance(TimeSpan.FromHours(5));
        (await RunWorker(bot)).ShouldBe(0, "after the escalation the timer rests until the next update");

        Posts(bot, "slack:C-INCIDENTS", "Escalation").ShouldHaveSingleItem().ShouldBe(
            "Escalation: INC-2026-0001 [P1] checkout down has had no update since its deadline 2026-11-23 12:15 UTC, and its commander @bob " +
            "was reminded. Status: investigating. Channel: #inc-2026-0001-checkout-down");
        var timeline = await bot.Store.GetTimelineAsync("INC-2026-0001", CancellationToken.None);
        timeline.Select(e => e.Kind).ShouldBe([TimelineKind.Declare, TimelineKind.Channel, TimelineKind.Reminder, TimelineKind.Escalation]);
        timeline[2].At.ShouldBe(new DateTimeOffset(2026, 11, 23, 12, 15, 0, TimeSpan.Zero));
        timeline[3].Text.ShouldBe("escalated to the announcements channel slack:C-INCIDENTS: no update since 2026-11-23 12:15 UTC");
    }

    [Fact]
    public async Task WithoutAnAnnouncementsChannel_TheEscalationGoesToTheIncidentsOwnChannel_AndTheTimelineSaysSo()
    {
        // Issue 21.5: the timeline used to claim "the announcements channel" when none was configured.
        await using var bot = IncidentBots.Slack(s =>
        {
            s["ChatOps:Incidents:EscalateAfter"] = "00:10:00";
            s["ChatOps:Slack:IncidentsChannel"] = null;
        });
        (await bot.RunAs("U100", "uma", "incident declare P1 checkout down --commander <@U200|bob>")).Outcome.ShouldBe(Outcome.Succeeded);

        bot.Clock.Advance(TimeSpan.FromMinutes(15));
        (await RunWorker(bot)).ShouldBe(1);
        bot.Clock.Advance(TimeSpan.FromMinutes(10));
        (await RunWorker(bot)).ShouldBe(1);

        Posts(bot, Home, "Escalation").ShouldHaveSingleItem();
        var timeline = await bot.Store.GetTimelineAsync("INC-2026-0001", CancellationToken.None);
        timeline[^1].Text.ShouldBe(
            $"escalated in the incident's own channel {Home} (no announcements channel is configured): no update since 2026-11-23 12:15 UTC");
    }

    [Fact]
    public async Task AnUpdate_RearmsTheTimerFromNow_SoTheNextReminderComesAFullIntervalLater()
    {
        await using var bot = await Declared();
        bot.Clock.Advance(TimeSpan.FromMinutes(16));
        await RunWorker(bot);

        (await bot.RunAs("U100", "uma", "incident update rolled back", channel: "C-inc-2026-0001-checkout-down")).Outcome.ShouldBe(Outcome.Succeeded);
        bot.Clock.Advance(TimeSpan.FromMinutes(14));
        (await RunWorker(bot)).ShouldBe(0, "no escalation: the update answered the reminder");
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        (await RunWorker(bot)).ShouldBe(1);

        Posts(bot, Home, "Reminder").Count.ShouldBe(2);
        Posts(bot, Home, "Reminder")[1].ShouldContain("the update due at 2026-11-23 12:31 UTC");
        Posts(bot, "slack:C-INCIDENTS", "Escalation").ShouldBeEmpty();
    }

    [Fact]
    public async Task ASeverityChange_RearmsWithTheNewSeveritysInterval()
    {
        await using var bot = await Declared();

        (await bot.RunAs("U200", "bob", "incident severity INC-2026-0001 P3")).Outcome.ShouldBe(Outcome.Succeeded);
        bot.Clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));
        (await RunWorker(bot)).ShouldBe(0);
        bot.Clock.Advance(TimeSpan.FromSeconds(1));
        (await RunWorker(bot)).ShouldBe(1);
    }

    [Fact]
    public async Task Resolve_DisarmsTheTimer()
    {
        await using var bot = await Declared();

        (await bot.RunAs("U200", "bob", "incident resolve INC-2026-0001 fixed")).Outcome.ShouldBe(Outcome.Succeeded);
        bot.Clock.Advance(TimeSpan.FromDays(2));

        (await RunWorker(bot)).ShouldBe(0);
        bot.Store.Outbox.ShouldNotContain(o => o.Plain().StartsWith("Reminder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAnAnnouncementsChannel_TheEscalationGoesToTheIncidentsOwnChannel()
    {
        await using var bot = IncidentBots.Slack(s => s["ChatOps:Slack:IncidentsChannel"] = "");
        await bot.RunAs("U100", "uma", "incident declare P1 checkout down");

        bot.Clock.Advance(TimeSpan.FromMinutes(30));
        (await RunWorker(bot)).ShouldBe(1);
        (await RunWorker(bot)).ShouldBe(1);

        Posts(bot, Home, "Escalation").ShouldHaveSingleItem();
    }
}
