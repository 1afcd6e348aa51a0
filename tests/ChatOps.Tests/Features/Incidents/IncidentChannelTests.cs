using ChatOps.Bot.Chat.Slack;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Incidents;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Features.Incidents;

/// <summary>Incident channels on the recording chat port: creation, invites, topic, notifications, retries, Teams.</summary>
public sealed class IncidentChannelTests
{
    private const string Channel = "C-inc-2026-0001-checkout-down-for-eu";

    [Fact]
    public async Task Declare_OnSlack_CreatesTheChannel_InvitesDeclarerCommanderAndResponders_SetsTheTopic_AndAnnouncesInBothChannels()
    {
        await using var bot = IncidentBots.Slack(s =>
        {
            s["ChatOps:Incidents:Responders:0"] = "slack:U900";
            s["ChatOps:Incidents:Responders:1"] = "teams:aad-9";
        });

        var result = await bot.RunAs("U100", "uma", "incident declare P1 Checkout DOWN for EU! --commander <@U200|bob>");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldStartWith("declared INC-2026-0001; channel #inc-2026-0001-checkout-down-for-eu created, invited @U100, @U200, @U900\n");
        bot.Chat.Calls.ShouldBe(
        [
            "create inc-2026-0001-checkout-down-for-eu",
            $"invite {Channel} U100",
            $"invite {Channel} U200",
            $"invite {Channel} U900",
            $"topic {Channel} INC-2026-0001 [P1] Checkout DOWN for EU! | commander @bob | status investigating",
        ]);
        var incident = (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None)).ShouldNotBeNull();
        incident.IncidentChannel.ShouldBe(Channel);
        incident.ChannelSetup.ShouldBe(ChannelSetupState.Done);

        while (await bot.Outbox.DeliverDueAsync(CancellationToken.None) > 0)
        {
        }

        var inChannel = bot.Chat.Posts.Where(p => p.Channel == Channel).ShouldHaveSingleItem().Text.ToString();
        inChannel.ShouldStartWith("Incident declared by uma\nINC-2026-0001 [P1] Checkout DOWN for EU!\nSeverity: P1\nImpact: Checkout DOWN for EU!\n");
        inChannel.ShouldContain("Current status: investigating");
        inChannel.ShouldContain("Next update: 2026-11-23 12:15 UTC");
        inChannel.ShouldContain("Incident commander: @bob");
        inChannel.ShouldContain("Technical lead: not assigned");
        // The fake's channel ids ("C-inc-…") are not Slack ids, so the renderer shows the name instead of a <#…> link.
        bot.Chat.Posts.Where(p => p.Channel == "C-INCIDENTS").Select(p => SlackMrkdwn.Render(p.Text).Split('\n')[0]).ShouldBe(
            ["Incident declared by uma", "INC-2026-0001: incident channel #inc-2026-0001-checkout-down-for-eu"]);
    }

    [Fact]
    public async Task InsideTheIncidentChannel_TheIdMayBeOmitted()
    {
        await using var bot = IncidentBots.Slack();
        await bot.RunAs("U100", "uma", "incident declare P2 checkout down for eu");
        await bot.RunAs("U100", "uma", "incident declare P3 search slow");

        var result = await bot.RunAs("U200", "bob", "incident update rolled back", channel: "C-inc-2026-0001-checkout-down-for-eu");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldStartWith("updated INC-2026-0001");
    }

    [Fact]
    public async Task Declare_WhenTheChannelCannotBeCreated_SaysSoClearly_AndTheWorkerFinishesTheSetupLater()
    {
        await using var bot = IncidentBots.Slack();
        bot.Chat.FailNextCreate = 1;

        var result = await bot.RunAs("U100", "uma", "incident declare P2 checkout down for eu");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldStartWith("declared INC-2026-0001; its channel could not be created yet (chat API answered 500 (test)); " +
            "the bot retries in the background and announces it when it exists. Until then name the incident: `incident update INC-2026-0001 ...`");
        var pending = (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None)).ShouldNotBeNull();
        pending.ChannelSetup.ShouldBe(ChannelSetupState.Pending);
        bot.Store.Outbox.ShouldContain(o => o.Destination == "slack:C-INCIDENTS" && o.Plain().StartsWith("Incident declared by uma", StringComparison.Ordinal));

        var worker = bot.Services.GetRequiredService<IncidentWorker>();
        (await worker.RunOnceAsync(CancellationToken.None)).ShouldBe(0, "the retry waits for its backoff");
        bot.Clock.Advance(TimeSpan.FromSeconds(10));
        (await worker.RunOnceAsync(CancellationToken.None)).ShouldBe(1);
        (await worker.RunOnceAsync(CancellationToken.None)).ShouldBe(0, "a finished setup is not run again");

        bot.Chat.Calls.Count(c => c.StartsWith("create ", StringComparison.Ordinal)).ShouldBe(2);
        (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None)).ShouldNotBeNull().IncidentChannel.ShouldBe(Channel);
        bot.Store.Outbox.ShouldContain(o => o.Destination == $"slack:{Channel}" && o.Plain().StartsWith("Incident declared by uma", StringComparison.Ordinal));
        bot.Store.Outbox.ShouldContain(o => o.Destination == "slack:C-INCIDENTS" && o.Plain().Contains("incident channel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Declare_NamesWhoCouldNotBeInvited_AndStillFinishesTheChannel()
    {
        await using var bot = IncidentBots.Slack(s => s["ChatOps:Incidents:Responders:0"] = "slack:U404");
        bot.Chat.UnknownUsers.Add("U404");

        var result = await bot.RunAs("U100", "uma", "incident declare P2 checkout down for eu");

        result.Text.ShouldStartWith("declared INC-2026-0001; channel #inc-2026-0001-checkout-down-for-eu created, invited @U100; could not invite @U404 (user_not_found)\n");
        bot.Chat.Members(Channel).ShouldBe(["U100"]);
    }

    [Fact]
    public async Task Declare_OnTeams_CreatesNoChannel_SaysSo_AndPostsTheNotificationToTheIncidentsConversation()
    {
        var teams = new RecordingChatPlatform("teams", canCreateChannels: false) { AnnouncementsChannel = "19:incidents@thread.tacv2" };
        await using var bot = IncidentBots.Slack(platforms: teams);

        var result = await bot.Dispatcher.DispatchAsync("incident declare P2 checkout down",
            IncidentBots.As(bot, "aad-1", "Tess", channel: "19:ops@thread.tacv2", platform: "teams"), CancellationToken.None);

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldContain("no channel was created: teams bots cannot create channels (Teams needs Microsoft Graph");
        teams.Calls.ShouldBeEmpty();
        var incident = (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None)).ShouldNotBeNull();
        incident.ChannelSetup.ShouldBe(ChannelSetupState.None);
        incident.HomeChannel.ShouldBe("19:ops@thread.tacv2");
        bot.Store.Outbox.ShouldContain(o => o.Destination == "teams:19:incidents@thread.tacv2" && o.Plain().StartsWith("Incident declared by Tess", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Declare_AtTheConsole_UsesTheLogPlatformsChannels()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "incident declare P3 search slow");

        result.Text.ShouldStartWith("declared INC-2026-0001; channel #inc-2026-0001-search-slow created, invited @alice\n");
        bot.ConsoleChat.Calls[0].ShouldBe("create inc-2026-0001-search-slow");
    }

    [Fact]
    public async Task Declare_WithALead_InvitesTheLeadToo()
    {
        // Issue 21.5: the lead was recorded but not invited.
        await using var bot = IncidentBots.Slack();

        var result = await bot.RunAs("U100", "uma", "incident declare P2 checkout down for eu --commander <@U200|bob> --lead <@U300|sam>");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Chat.Members(Channel).ShouldBe(["U100", "U200", "U300"], ignoreOrder: true);
    }

    [Fact]
    public async Task Handover_InvitesTheNewCommander_AndChangesKeepTheTopicCurrent()
    {
        await using var bot = IncidentBots.Slack();
        await bot.RunAs("U100", "uma", "incident declare P2 checkout down for eu");

        var handover = await bot.RunAs("U100", "uma", "incident commander <@U200|bob>", channel: Channel);
        var severity = await bot.RunAs("U200", "bob", "incident severity P1", channel: Channel);

        handover.Text.ShouldStartWith("INC-2026-0001: commander @uma → @bob\n");
        severity.Outcome.ShouldBe(Outcome.Succeeded);
        bot.Chat.Members(Channel).ShouldBe(["U100", "U200"], ignoreOrder: true);
        bot.Chat.Topic(Channel).ShouldBe("INC-2026-0001 [P1] checkout down for eu | commander @bob | status investigating");
    }

    [Fact]
    public async Task Handover_ToSomeoneWhoCannotBeInvited_IsStillDone_AndSaysSo()
    {
        await using var bot = IncidentBots.Slack();
        await bot.RunAs("U100", "uma", "incident declare P2 checkout down for eu");
        bot.SlackUsers.Users["U404"] = "ghost";
        bot.Chat.UnknownUsers.Add("U404");

        var handover = await bot.RunAs("U100", "uma", "incident commander <@U404>", channel: Channel);

        handover.Outcome.ShouldBe(Outcome.Succeeded);
        handover.Text.ShouldStartWith("INC-2026-0001: commander @uma → @ghost; could not invite @U404 to #inc-2026-0001-checkout-down-for-eu (user_not_found)\n");
        (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None)).ShouldNotBeNull().Commander.ShouldBe("slack:U404");
    }

    [Theory]
    [InlineData("INC-2026-0007", "Checkout DOWN for EU!", "inc-2026-0007-checkout-down-for-eu")]
    [InlineData("INC-2026-0007", "Ünïcödé   --  späces__here", "inc-2026-0007-unicode-spaces__here")]
    [InlineData("INC-2026-0007", "!!!", "inc-2026-0007")]
    [InlineData("INC-2026-0007", "payments api returns 502 for every request from the eu region since the 14:00 deploy of v1.42", "inc-2026-0007-payments-api-returns-502-for-every-request-from-the-eu-region-sinc")]
    public void ChannelName_IsLowercaseSlackSafe_AndAtMost80Characters(string id, string title, string expected)
    {
        var name = IncidentChannelName.For(id, title);

        name.ShouldBe(expected);
        name.Length.ShouldBeLessThanOrEqualTo(80);
        name.ShouldMatch("^[a-z0-9_-]+$");
    }
}
