using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Incidents;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Incidents;

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

    [Fact]
    public async Task ScaleNamingTheIncidentWithTheOption_LandsOnItsTimeline_FromAnotherChannel_AndRunsTheSame()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "incident declare P2 search slow");

        var result = await RunIn(bot, "C-OPS", "alice", "scale web 5 --cluster staging --incident inc-2026-1");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Kube.Calls.ShouldBe(["scale staging/default/web 5"]);
        (await Operations(bot)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Who.ShouldBe("alice"),
            e => e.Text.ShouldBe("scale web 5 --namespace=default --cluster=staging --incident=INC-2026-0001 → succeeded"));
        bot.Store.Entries[^1].Record.ParsedRequest.ShouldEndWith("--incident=INC-2026-0001");
    }

    [Fact]
    public async Task AnUnknownIncident_IsAOneLineError_AndNothingRuns()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "incident declare P2 search slow");

        var result = await RunIn(bot, "C-OPS", "alice", "scale web 5 --cluster staging --incident INC-2026-0042");

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldBe("no incident INC-2026-0042 (named by --incident); nothing was run. `incident list` shows them");
        bot.Kube.Calls.ShouldBeEmpty();
        (await Operations(bot)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AResolvedIncident_IsRefused_ButIncidentCommandsStillReadIt()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "incident declare P2 search slow");
        await bot.RunAsync("alice", "incident resolve INC-2026-0001 done");

        var result = await RunIn(bot, "C-OPS", "alice", "scale web 5 --cluster staging --incident INC-2026-1");

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldBe("INC-2026-0001 is resolved, so its timeline is closed; nothing was run. Drop --incident to run it anyway");
        bot.Kube.Calls.ShouldBeEmpty();
        (await RunIn(bot, "C-OPS", "alice", "incident show --incident INC-2026-1")).Outcome.ShouldBe(Outcome.Succeeded);
    }

    [Fact]
    public async Task AnApprovedRequest_KeepsTheIncident_AndLandsOnItsTimelineWhenItRuns()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "incident declare P2 search slow");

        var request = await RunIn(bot, "C-OPS", "dave", "scale web 0 --cluster prod-eks --incident INC-2026-1");
        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        var approved = await RunIn(bot, "C-ELSEWHERE", "alice", $"approve {request.Reference}");

        approved.Outcome.ShouldBe(Outcome.Succeeded, approved.Text);
        bot.Kube.Calls.ShouldBe(["status prod-eks/default/web", "scale prod-eks/default/web 0"]);
        (await Operations(bot)).Select(e => (e.Who, e.Text)).ShouldBe(
        [
            ("dave", "scale web 0 --namespace=default --cluster=prod-eks --incident=INC-2026-0001 → awaiting approval"),
            ("dave", "scale web 0 --namespace=default --cluster=prod-eks --incident=INC-2026-0001 → succeeded (approved by console:alice)"),
        ]);
    }

    [Fact]
    public async Task IncidentCommands_TakeTheIdFromTheOption_AndRefuseTwoDifferentIds()
    {
        await using var bot = TestBot.Create();
        await bot.RunAsync("alice", "incident declare P2 search slow");
        await bot.RunAsync("alice", "incident declare P3 queue backlog");

        (await RunIn(bot, "C-OPS", "alice", "incident update --incident INC-2026-2 drained")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.Store.GetTimelineAsync("INC-2026-0002", CancellationToken.None))[^1].Text.ShouldStartWith("drained");
        var both = await RunIn(bot, "C-OPS", "alice", "incident show INC-2026-1 --incident INC-2026-2");
        both.Outcome.ShouldBe(Outcome.Invalid);
        both.Text.ShouldBe("INC-2026-1 and --incident INC-2026-0002 name two incidents; give one");
    }

    [Theory]
    [InlineData("scale api 3 # INC-2026-0007 and inc-2026-7", new[] { "INC-2026-0007" })]
    [InlineData("deny r-1 xINC-2026-0001 INC-2026-00012", new[] { "INC-2026-0012" })]
    [InlineData("status api", new string[0])]
    public void IncidentIds_AreFoundAnywhereInTheText_EachOnce(string text, string[] expected) =>
        IncidentIds.FindAll(text).ShouldBe(expected);
}
