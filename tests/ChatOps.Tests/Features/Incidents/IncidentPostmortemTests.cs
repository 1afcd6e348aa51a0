using ChatOps.Bot.Core;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Incidents;

public sealed class IncidentPostmortemTests
{
    private const string IncidentChannel = "C-inc-2026-0001-checkout-errors";

    private static Task<OperationResult> RunIn(TestBot bot, string user, string text) =>
        bot.Dispatcher.DispatchAsync(text, bot.Context(user) with { ChannelId = IncidentChannel }, CancellationToken.None);

    [Fact]
    public async Task Postmortem_DraftsEveryKnownSection_FromTheTimeline_AndLeavesFollowUpsToPeople()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "incident declare P2 checkout errors --services checkout,payments --lead @bob");
        bot.Clock.Advance(TimeSpan.FromMinutes(7));
        await RunIn(bot, "carol", "incident update errors from payments --status identified");
        bot.Clock.Advance(TimeSpan.FromMinutes(3));
        await RunIn(bot, "alice", "incident severity P1");
        await RunIn(bot, "alice", "test-scale payments 6");
        bot.Clock.Advance(TimeSpan.FromMinutes(50));
        await RunIn(bot, "alice", "incident resolve scaled payments | cache warmed");

        var result = await bot.RunAsync("carol", "incident postmortem INC-2026-0001");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Title.ShouldBe("Postmortem draft: INC-2026-0001 [P1] checkout errors");
        var md = result.Text;
        md.ShouldStartWith("# Postmortem draft: INC-2026-0001 — checkout errors\n\n## Summary\n\n- **Impact:** checkout errors\n- **Severity:** P1\n- **Status:** resolved\n");
        md.ShouldContain("- **Affected services:** checkout, payments\n");
        md.ShouldContain("- **Technical lead:** @bob\n");
        md.ShouldContain("- **Channel:** #inc-2026-0001-checkout-errors\n");
        md.ShouldContain("- **Resolution:** resolved: scaled payments | cache warmed\n");
        md.ShouldContain("""
            ## Severity history

            | time (UTC) | severity | by | change |
            |---|---|---|---|
            | 2026-11-23 12:00 UTC | P2 | alice | declared |
            | 2026-11-23 12:10 UTC | P1 | alice | severity P2 → P1 |
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        md.ShouldContain("""
            ## Impact window

            - **Declared:** 2026-11-23 12:00 UTC
            - **First update:** 2026-11-23 12:07 UTC (7 min after the declaration)
            - **Resolved:** 2026-11-23 13:00 UTC (declared → resolved: 1 h)
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        md.ShouldContain("| 2026-11-23 13:00 UTC | alice | resolve | resolved: scaled payments \\| cache warmed |");
        md.ShouldContain("""
            ## Operations run by the bot

            | time (UTC) | who | command | outcome |
            |---|---|---|---|
            | 2026-11-23 12:10 UTC | alice | `test-scale payments 6` | succeeded |
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        md.ShouldContain("## Follow-up\n\n### Root cause");
        md.ShouldContain("### Action items\n\n| action | owner | due |");
    }

    [Fact]
    public async Task Postmortem_OfAnOpenIncident_SaysItIsStillOpen_AndThatNoUpdateWasPosted()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "incident declare P3 search slow");
        bot.Clock.Advance(TimeSpan.FromMinutes(95));

        var md = (await bot.RunAsync("carol", "incident postmortem INC-2026-0001")).Text;

        md.ShouldContain("- **First update:** none posted\n");
        md.ShouldContain("- **Resolved:** not yet (open for 1 h 35 min so far)\n");
        md.ShouldContain("None recorded: no audited command ran in the incident's channel or named it.");
    }

    [Fact]
    public async Task Postmortem_IsRefusedToScopedOnlyUsers_LikeEveryIncidentCommand()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "incident declare P3 search slow");

        (await bot.RunAsync("dave", "incident postmortem INC-2026-0001")).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("dave", "incident declare P1 everything down")).Outcome.ShouldBe(Outcome.Denied);
    }
}
