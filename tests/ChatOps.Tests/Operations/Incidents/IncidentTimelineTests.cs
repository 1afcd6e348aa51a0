using ChatOps.Bot.Operations;
using ChatOps.Bot.Operations.Incidents;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Operations.Incidents;

/// <summary>Audited commands land on an open incident's timeline when run in its channel or when they name it.</summary>
public sealed class IncidentTimelineTests
{
    private const string IncidentChannel = "C-inc-2026-0001-search-slow";

    private static Task<OperationResult> RunIn(TestBot bot, string channel, string user, string text) =>
        bot.Dispatcher.DispatchAsync(text, bot.Context(user) with { ChannelId = channel }, CancellationToken.None);

    private static async Task<IReadOnlyList<TimelineEntry>> Operations(TestBot bot) =>
        (await bot.Store.GetTimelineAsync("INC-2026-0001", CancellationToken.None)).Where(e => e.Kind == TimelineKind.Operation).ToList();

    [Fact]
    public async Task CommandsInTheIncidentChannel_LandOnItsTimeline_WithWhoWhatAndOutcome()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "incident declare P2 search slow");

        await RunIn(bot, IncidentChannel, "alice", "test-scale web 3");
        await RunIn(bot, IncidentChannel, "carol", "test-scale web 9");
        await RunIn(bot, IncidentChannel, "alice", "incident update scaled web to 3");

        var entries = await Operations(bot);
        entries.Select(e => (e.Who, e.Text)).ShouldBe(
        [
            ("alice", "test-scale web 3 → succeeded"),
            ("carol", "test-scale web 9 → denied: `test-scale` needs operator on staging/default; console:carol has viewer there"),
        ]);
        entries.ShouldAllBe(e => e.At == bot.Clock.GetUtcNow());
    }

    [Fact]
    public async Task ACommandNamingTheIncident_LandsOnItsTimeline_FromAnyChannel_ButNotOnceItIsResolved()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "incident declare P2 search slow");

        await RunIn(bot, "C-ELSEWHERE", "bob", "deny r-nope not needed for inc-2026-1");
        await RunIn(bot, "C-ELSEWHERE", "bob", "test-scale web 2");
        await RunIn(bot, "C-OPS", "bob", "test-scale web 2");
        (await Operations(bot)).ShouldHaveSingleItem().Text.ShouldStartWith("deny r-nope");

        await bot.RunAsync("alice", "incident resolve INC-2026-0001 done");
        await RunIn(bot, IncidentChannel, "bob", "test-scale web 4");
        await RunIn(bot, "C-ELSEWHERE", "bob", "deny r-nope again INC-2026-0001");

        (await Operations(bot)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("scale api 3 # INC-2026-0007 and inc-2026-7", new[] { "INC-2026-0007" })]
    [InlineData("deny r-1 xINC-2026-0001 INC-2026-00012", new[] { "INC-2026-0012" })]
    [InlineData("status api", new string[0])]
    public void IncidentIds_AreFoundAnywhereInTheText_EachOnce(string text, string[] expected) =>
        IncidentIds.FindAll(text).ShouldBe(expected);
}
