using ChatOps.Bot.Core;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Policies;

/// <summary>A freeze that allows incidents, set aside for a command typed in an open P1/P2 incident's channel.</summary>
public sealed class IncidentChannelOverrideTests
{
    /// <summary>Declares in C-OPS; the incident's channel is the one created for it (or C-OPS when none could be).</summary>
    private static async Task<(string Id, string Channel)> DeclareAsync(TestBot bot, string severity)
    {
        var id = (await bot.RunAsync("alice", $"incident declare {severity} checkout down")).Reference!;
        return (id, (await bot.Store.GetIncidentAsync(id, CancellationToken.None))!.HomeChannel);
    }

    private static Task<OperationResult> RunIn(TestBot bot, string channel, string user, string text) =>
        bot.Dispatcher.DispatchAsync(text, bot.Context(user) with { ChannelId = channel }, CancellationToken.None);

    [Fact]
    public async Task TypedInAnOpenP1sChannel_TheFreezeIsOverridden_NeedsApproval_AndTheTimelineSaysSo()
    {
        await using var bot = TestBot.Create(s => PolicyPipelineTests.Frozen(s, allowForIncident: true));
        var (incident, channel) = await DeclareAsync(bot, "P1");

        var result = await RunIn(bot, channel, "alice", "scale web 5 --cluster prod-eks");

        result.Outcome.ShouldBe(Outcome.AwaitingApproval, result.Text);
        result.Text.ShouldContain($"overridden for P1 incident {incident} (typed in its channel)");
        var timeline = await bot.Store.GetTimelineAsync(incident, CancellationToken.None);
        timeline.ShouldContain(e => e.Text.StartsWith("freeze override requested: `scale web 5", StringComparison.Ordinal));

        var approved = await RunIn(bot, channel, "bob", $"approve {result.Reference}");
        approved.Outcome.ShouldBe(Outcome.Succeeded, approved.Text);
        bot.Kube.Calls.ShouldContain("scale prod-eks/default/web 5");
    }

    [Fact]
    public async Task InAnotherChannel_OrForAP3_OrWhenTheWindowDoesNotAllowIt_TheFreezeHolds()
    {
        await using var bot = TestBot.Create(s => PolicyPipelineTests.Frozen(s, allowForIncident: true));
        await DeclareAsync(bot, "P1");
        (await RunIn(bot, "C-OTHER", "alice", "scale web 5 --cluster prod-eks")).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("alice", "scale web 5 --cluster prod-eks")).Outcome.ShouldBe(Outcome.Denied, "declared here, but its channel is its own");

        var (_, p3) = await DeclareAsync(bot, "P3");
        (await RunIn(bot, p3, "alice", "scale web 5 --cluster prod-eks")).Outcome.ShouldBe(Outcome.Denied);

        await using var strict = TestBot.Create(s => PolicyPipelineTests.Frozen(s));
        var (_, channel) = await DeclareAsync(strict, "P1");
        (await RunIn(strict, channel, "alice", "scale web 5 --cluster prod-eks")).Outcome.ShouldBe(Outcome.Denied);
        bot.Kube.Calls.ShouldNotContain(c => c.StartsWith("scale ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AResolvedIncidentsChannel_NoLongerOverrides()
    {
        await using var bot = TestBot.Create(s => PolicyPipelineTests.Frozen(s, allowForIncident: true));
        var (incident, channel) = await DeclareAsync(bot, "P1");
        (await bot.RunAsync("alice", $"incident resolve {incident} fixed")).Outcome.ShouldBe(Outcome.Succeeded);

        (await RunIn(bot, channel, "alice", "scale web 5 --cluster prod-eks")).Outcome.ShouldBe(Outcome.Denied);
    }

    [Fact]
    public async Task PolicyTest_InTheChannel_ShowsTheOverride()
    {
        await using var bot = TestBot.Create(s => PolicyPipelineTests.Frozen(s, allowForIncident: true));
        var (incident, channel) = await DeclareAsync(bot, "P1");

        var result = await RunIn(bot, channel, "alice", "policy test scale web 5 --cluster prod-eks");

        result.Text.ShouldContain($"overridden for P1 incident {incident} (typed in its channel)");
        result.Text.ShouldEndWith("verdict: needs approval");
    }
}
