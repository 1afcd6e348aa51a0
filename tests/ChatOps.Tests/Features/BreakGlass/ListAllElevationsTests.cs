using ChatOps.Bot.Core;

namespace ChatOps.Tests.Features.BreakGlass;

/// <summary><c>elevate list --all</c>: every live elevation for an admin everywhere; one line of refusal for anyone else.</summary>
public sealed class ListAllElevationsTests
{
    [Fact]
    public async Task AnAdmin_SeesEveryLiveElevation_WithItsHolder_NotTheRevokedOrExpiredOnes()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true, s => s["ChatOps:Policies:Elevation:Requesters:1"] = "console:dave");
        var carol = (await bot.RunAsync("carol", "elevate operator --for 1h --reason drill")).Reference!;
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        var dave = (await bot.RunAsync("dave", "elevate admin --for 30m --reason failover --scope prod-eks/billing")).Reference!;
        (await bot.RunAsync("carol", "elevate viewer --for 10m --reason gone")).Outcome.ShouldBe(Outcome.Succeeded);
        var revoked = (await bot.RunAsync("dave", "elevate operator --for 1h --reason oops")).Reference!;
        (await bot.RunAsync("dave", $"elevate revoke {revoked}")).Outcome.ShouldBe(Outcome.Succeeded);
        bot.Clock.Advance(TimeSpan.FromMinutes(10));

        var all = await bot.RunAsync("alice", "elevate list --all");

        all.Outcome.ShouldBe(Outcome.Succeeded);
        all.Text.Split('\n').ShouldBe(
        [
            "Live break-glass elevations (2):",
            $"  {carol}: operator everywhere until 13:00 UTC, reason: drill (self-granted) held by console:carol",
            $"  {dave}: admin on prod-eks/billing until 12:31 UTC, reason: failover (self-granted) held by console:dave",
        ]);
        (await bot.RunAsync("dave", "elevate list")).Text.ShouldNotContain(carol, customMessage: "without --all, only your own");
    }

    [Fact]
    public async Task AnAdmin_IsToldWhenNobodyIsElevated()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);

        (await bot.RunAsync("alice", "elevate list --all")).Text.ShouldBe("Nobody holds a break-glass elevation.");
    }

    [Theory]
    [InlineData("carol", "viewer")]
    [InlineData("dave", "no role")]
    public async Task AnyoneElse_GetsOneLineOfRefusal_AndSeesNoOneElses(string user, string role)
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        var id = (await bot.RunAsync("carol", "elevate operator --for 1h --reason drill")).Reference!;

        var refused = await bot.RunAsync(user, "elevate list --all");

        refused.Outcome.ShouldBe(Outcome.Denied);
        refused.Text.ShouldBe($"denied: `elevate list --all` needs admin (everywhere); console:{user} has {role} there (`elevate list` shows yours)");
        refused.Text.ShouldNotContain(id);
    }

    [Fact]
    public async Task AnAdminElevation_DoesNotOpenTheList_LikeRevokingAnyones()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        (await bot.RunAsync("carol", "elevate admin --for 1h --reason drill")).Outcome.ShouldBe(Outcome.Succeeded);

        (await bot.RunAsync("carol", "elevate list --all")).Outcome.ShouldBe(Outcome.Denied);
    }
}
