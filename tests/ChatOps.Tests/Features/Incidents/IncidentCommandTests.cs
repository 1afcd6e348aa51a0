using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Incidents;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Incidents;

/// <summary>The incident lifecycle through the real pipeline: alice is an admin, carol and frank are viewers, mallory has no binding.</summary>
public sealed class IncidentCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static TestBot Create(Action<Dictionary<string, string?>>? configure = null) => TestBot.Create(s =>
    {
        s["ChatOps:Roles:Bindings:5:Subject"] = "console:frank";
        s["ChatOps:Roles:Bindings:5:Role"] = "viewer";
        configure?.Invoke(s);
    });

    private static Task<OperationResult> RunIn(TestBot bot, string channel, string user, string text) =>
        bot.Dispatcher.DispatchAsync(text, bot.Context(user) with { ChannelId = channel }, CancellationToken.None);

    [Fact]
    public async Task Declare_ByAViewer_StoresTheIncident_AndAnswersInChannelWithEveryTemplateField()
    {
        await using var bot = Create();

        var result = await bot.RunAsync("carol", "incident declare P1 checkout down --services checkout,payments --lead <@U777>");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Visibility.ShouldBe(Visibility.InChannel);
        result.Title.ShouldBe("INC-2026-0001 [P1] checkout down");
        result.Fields.Select(f => (f.Name, f.Value)).ShouldBe(
        [
            ("Severity", "P1"),
            ("Impact", "checkout down"),
            ("Start time", "2026-11-23 12:00 UTC"),
            ("Affected services", "checkout, payments"),
            ("Current status", "investigating"),
            ("Next update", "2026-11-23 12:15 UTC"),
            ("Incident commander", "@carol"),
            ("Technical lead", "@U777"),
        ]);
        var stored = (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None)).ShouldNotBeNull();
        stored.ChannelId.ShouldBe("C-OPS");
        stored.NextUpdateAt.ShouldBe(Now.AddMinutes(15));
        (await bot.Store.GetTimelineAsync(stored.Id, CancellationToken.None)).ShouldBe(
        [
            new TimelineEntry(Now, "carol", TimelineKind.Declare, "declared P1: checkout down"),
            new TimelineEntry(Now, "bot", TimelineKind.Channel, "channel #inc-2026-0001-checkout-down created; invited @carol, @U777"),
        ]);
    }

    [Fact]
    public async Task Declare_IsAuditedWriteAhead_AndPostsTheNotificationToTheIncidentsChannel_WhenConfigured()
    {
        await using var bot = Create(s => s["ChatOps:Slack:IncidentsChannel"] = "C-INCIDENTS");

        await bot.RunAsync("carol", "incident declare P2 search is slow");

        bot.Store.Entries.Select(e => e.Record.Outcome).ShouldBe([AuditOutcome.Started, AuditOutcome.Succeeded]);
        var post = bot.Store.Outbox.Where(o => o.Destination == "slack:C-INCIDENTS" && o.Plain().StartsWith("Incident declared", StringComparison.Ordinal))
            .ShouldHaveSingleItem();
        post.Plain().ShouldStartWith("Incident declared by carol\nINC-2026-0001 [P2] search is slow\nSeverity: P2");
        post.Plain().ShouldContain("Next update: 2026-11-23 13:00 UTC");
    }

    [Fact]
    public async Task Declare_PostsNothingBeyondTheAuditLine_WhenNoIncidentsChannelIsConfigured()
    {
        await using var bot = Create();

        await bot.RunAsync("carol", "incident declare P2 search is slow");

        bot.Store.Outbox.Where(o => o.Destination.StartsWith("slack:", StringComparison.Ordinal)).ShouldAllBe(o => o.Destination == "slack:C-AUDIT");
    }

    [Fact]
    public async Task Declare_ByAUserWithoutAnyRole_IsDenied_AndStoresNothing()
    {
        await using var bot = Create();

        var result = await bot.RunAsync("mallory", "incident declare P1 site down");

        result.Outcome.ShouldBe(Outcome.Denied);
        (await bot.Store.ListIncidentsAsync(openOnly: false, CancellationToken.None)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("incident declare P7 site down", "severity 'P7' must be one of P1, P2, P3, P4")]
    [InlineData("incident declare P1", "missing <title>")]
    [InlineData("incident severity INC-x P1", "'INC-x' is not an incident id (like INC-2026-0001)")]
    public async Task MalformedCommands_AreRefused_WithAOneLineReason(string text, string reason)
    {
        await using var bot = Create();

        var result = await bot.RunAsync("carol", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldContain(reason);
    }

    [Fact]
    public async Task Update_ByAnyViewerInTheChannel_FindsTheIncidentWithoutAnId_SetsStatus_AndRestartsTheUpdateClock()
    {
        await using var bot = Create();
        await bot.RunAsync("carol", "incident declare P2 search is slow");
        bot.Clock.Advance(TimeSpan.FromMinutes(40));

        var result = await bot.RunAsync("frank", "incident update rolled back 1.42 --status monitoring");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldStartWith("updated INC-2026-0001 (status monitoring): rolled back 1.42", Case.Sensitive, "the answer says what was posted, not only the summary");
        var incident = (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None)).ShouldNotBeNull();
        incident.Status.ShouldBe(IncidentStatus.Monitoring);
        incident.NextUpdateAt.ShouldBe(Now.AddMinutes(100));
        (await bot.Store.GetTimelineAsync(incident.Id, CancellationToken.None))[^1]
            .ShouldBe(new TimelineEntry(Now.AddMinutes(40), "frank", TimelineKind.Update, "rolled back 1.42 (status monitoring)"));
    }

    [Fact]
    public async Task OmittedId_OutsideAnIncidentChannel_IsAClearOneLineError_AndAnExplicitIdWorksAnywhere()
    {
        await using var bot = Create();
        await bot.RunAsync("carol", "incident declare P2 search is slow");

        var omitted = await RunIn(bot, "C-ELSEWHERE", "carol", "incident update still slow");
        var explicitId = await RunIn(bot, "C-ELSEWHERE", "carol", "incident update inc-2026-1 still slow");
        var unknown = await RunIn(bot, "C-ELSEWHERE", "carol", "incident show INC-2026-0099");

        omitted.Outcome.ShouldBe(Outcome.Invalid);
        omitted.Text.ShouldBe("no open incident in this channel: give its id, e.g. `incident update INC-2026-0001 ...`");
        explicitId.Text.ShouldStartWith("updated INC-2026-0001");
        unknown.Text.ShouldBe("no incident INC-2026-0099; `incident list` shows them");
    }

    [Fact]
    public async Task Severity_IsForTheCommanderOrAnAdmin_AndSetsTheNextUpdateFromTheNewSeverity()
    {
        await using var bot = Create();
        await bot.RunAsync("carol", "incident declare P2 search is slow");

        var byViewer = await bot.RunAsync("frank", "incident severity P1");
        var byCommander = await bot.RunAsync("carol", "incident severity P3");
        var byAdmin = await bot.RunAsync("alice", "incident severity INC-2026-0001 P1");

        byViewer.Outcome.ShouldBe(Outcome.Denied);
        byViewer.Text.ShouldBe("denied: only the commander of INC-2026-0001 (@carol) or an admin may change its severity");
        byCommander.Text.ShouldStartWith("INC-2026-0001: severity P2 → P3");
        byAdmin.Text.ShouldStartWith("INC-2026-0001: severity P3 → P1");
        var incident = (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None)).ShouldNotBeNull();
        incident.Severity.ShouldBe("P1");
        incident.NextUpdateAt.ShouldBe(Now.AddMinutes(15));
    }

    [Fact]
    public async Task Commander_HandsOver_SoOnlyTheNewCommanderOrAnAdminMayResolve()
    {
        await using var bot = Create();
        await bot.RunAsync("carol", "incident declare P2 search is slow");

        (await bot.RunAsync("frank", "incident commander @frank")).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("carol", "incident commander <@frank>")).Text.ShouldStartWith("INC-2026-0001: commander @carol → @frank");
        var oldCommander = await bot.RunAsync("carol", "incident resolve");
        var newCommander = await bot.RunAsync("frank", "incident resolve reindexed the catalogue");

        oldCommander.Text.ShouldBe("denied: only the commander of INC-2026-0001 (@frank) or an admin may resolve it");
        newCommander.Outcome.ShouldBe(Outcome.Succeeded);
        newCommander.Text.ShouldStartWith("INC-2026-0001 resolved: reindexed the catalogue");
    }

    [Fact]
    public async Task Resolve_ClosesTheIncident_ForFurtherChanges_AndListOpen_ButShowKeepsTheWholeTimeline()
    {
        await using var bot = Create();
        await bot.RunAsync("carol", "incident declare P2 search is slow");
        await bot.RunAsync("alice", "incident declare P3 emails delayed --commander @alice");
        await bot.RunAsync("frank", "incident update INC-2026-0001 found a bad index --status identified");
        await bot.RunAsync("alice", "incident resolve INC-2026-0001 index rebuilt");

        var again = await bot.RunAsync("frank", "incident update INC-2026-0001 one more thing");
        var open = await bot.RunAsync("frank", "incident list --open");
        var all = await bot.RunAsync("frank", "incident list");
        var show = await bot.RunAsync("frank", "incident show INC-2026-0001");

        again.Outcome.ShouldBe(Outcome.Invalid);
        again.Text.ShouldBe("INC-2026-0001 is resolved; nothing was changed");
        open.Text.ShouldStartWith("1 open incident, newest first\n");
        open.Tables.ShouldHaveSingleItem().Rows.Select(r => r[0]).ShouldBe(["INC-2026-0002"]);
        all.Text.ShouldStartWith("2 incidents, newest first\n");
        all.Tables.ShouldHaveSingleItem().Rows.Select(r => (r[0], r[2])).ShouldBe([("INC-2026-0002", "investigating"), ("INC-2026-0001", "resolved")]);
        show.Outcome.ShouldBe(Outcome.Succeeded);
        show.Tables.ShouldHaveSingleItem().Rows.Select(r => (r[1], r[2], r[3])).ShouldBe(
        [
            ("carol", "declare", "declared P2: search is slow"),
            ("bot", "channel", "channel #inc-2026-0001-search-is-slow created; invited @carol"),
            ("frank", "update", "found a bad index (status identified)"),
            ("alice", "resolve", "resolved: index rebuilt"),
        ]);
        show.Text.ShouldContain("Current status: resolved");
    }

    [Fact]
    public async Task NextUpdate_ComesFromConfiguration_AndP4WaitsForTheNextBusinessDayMorning()
    {
        await using var bot = Create(s => s["ChatOps:Incidents:Severities:P1"] = "00:05:00");
        bot.Clock.Advance(TimeSpan.FromDays(4)); // Friday 2026-11-27 12:00 UTC

        await bot.RunAsync("carol", "incident declare P1 site down");
        await bot.RunAsync("carol", "incident declare P4 typo on the status page");

        (await bot.Store.GetIncidentAsync("INC-2026-0001", CancellationToken.None))!.NextUpdateAt.ShouldBe(Now.AddDays(4).AddMinutes(5));
        (await bot.Store.GetIncidentAsync("INC-2026-0002", CancellationToken.None))!.NextUpdateAt
            .ShouldBe(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("@bob", null, "bob", false)]
    [InlineData("bob", null, "bob", false)]
    [InlineData("<@U123>", null, "U123", true)]
    [InlineData("<@U123|bob>", null, "U123", true)]
    [InlineData("@{teams:6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f}", "teams", "6f1c0c52-8a9b-4c3e-9d0f-1a2b3c4d5e6f", true)]
    [InlineData("@{slack:U123}", "slack", "U123", true)]
    public void References_SayWhetherTheyCarryAnIdOrOnlyAName(string given, string? platform, string value, bool isId)
    {
        var reference = UserToken.Parse(given).ShouldNotBeNull();

        (reference.Platform, reference.Value, reference.IsId).ShouldBe((platform, value, isId));
    }

    [Theory]
    [InlineData("@")]
    [InlineData("<@>")]
    [InlineData("@{teams:}")]
    [InlineData("@{U123}")]
    public void References_WithoutAUser_AreNobody(string given) => UserToken.Parse(given).ShouldBeNull();
}
