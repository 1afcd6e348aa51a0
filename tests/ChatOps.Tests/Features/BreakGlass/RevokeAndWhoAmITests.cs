using ChatOps.Bot.Core;

namespace ChatOps.Tests.Features.BreakGlass;

public sealed class RevokeAndWhoAmITests
{
    private const string Scale = "test-scale web 2 --cluster staging";

    [Fact]
    public async Task RevokeById_EndsThatElevationAtOnce()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        var id = (await bot.RunAsync("carol", "elevate operator --for 1h --reason drill")).Reference!;

        var revoked = await bot.RunAsync("carol", $"elevate revoke {id}");

        revoked.Outcome.ShouldBe(Outcome.Succeeded);
        revoked.Text.ShouldStartWith($"break-glass revoked by carol (console:carol):\n  {id}: operator everywhere");
        (await bot.RunAsync("carol", Scale)).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("carol", $"elevate revoke {id}")).Text.ShouldBe($"you hold no live elevation {id} (`elevate list` shows yours); nothing was revoked");
    }

    [Fact]
    public async Task RevokeByRole_EndsOnlyThatRole()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        (await bot.RunAsync("carol", "elevate operator --for 1h --reason a")).Outcome.ShouldBe(Outcome.Succeeded);
        var admin = (await bot.RunAsync("carol", "elevate admin --for 1h --reason b")).Reference!;

        (await bot.RunAsync("carol", "elevate revoke operator")).Outcome.ShouldBe(Outcome.Succeeded);

        (await bot.Store.ActiveElevationsAsync("console:carol", bot.Clock.GetUtcNow(), CancellationToken.None)).Select(e => e.Id).ShouldBe([admin]);
    }

    [Fact]
    public async Task SomeoneElsesElevation_OnlyAnAdminMayRevoke()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true, s => s["ChatOps:Policies:Elevation:Requesters:1"] = "console:dave");
        var id = (await bot.RunAsync("carol", "elevate operator --for 1h --reason drill")).Reference!;

        (await bot.RunAsync("dave", $"elevate revoke {id}")).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("carol", Scale)).Outcome.ShouldBe(Outcome.Succeeded);

        var revoked = await bot.RunAsync("alice", $"elevate revoke {id}");

        revoked.Outcome.ShouldBe(Outcome.Succeeded);
        revoked.Text.ShouldContain("held by console:carol");
        (await bot.RunAsync("carol", Scale)).Outcome.ShouldBe(Outcome.Denied);
    }

    [Theory]
    [InlineData("elevate revoke", "no live elevation matched (expired, already revoked, or never granted); nothing was revoked")]
    [InlineData("elevate revoke boss", "give an elevation id (e-…) or a role (viewer, operator, admin), not 'boss'; nothing was revoked")]
    public async Task NothingToRevoke_OrBadInput_IsOneLine(string text, string answer)
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);

        (await bot.RunAsync("carol", text)).Text.ShouldBe(answer);
    }

    [Fact]
    public async Task WhoAmI_AndList_ShowRoleScopeExpiryAndReason_UntilItExpires()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        var incident = (await bot.RunAsync("alice", "incident declare P1 checkout down")).Reference;
        var id = (await bot.RunAsync("carol", $"elevate operator --for 30m --reason \"stuck consumer\" --scope prod-eks/shop --incident {incident}")).Reference;
        id.ShouldNotBeNull();
        var line = $"{id}: operator on prod-eks/shop until 12:30 UTC, reason: stuck consumer, for {incident} (self-granted)";

        (await bot.RunAsync("carol", "whoami")).Text.ShouldEndWith($"Break-glass elevations (commands they authorize are marked break-glass):\n  {line}");
        (await bot.RunAsync("carol", "elevate list")).Text.ShouldBe($"Your break-glass elevations:\n  {line}");

        bot.Clock.Advance(TimeSpan.FromMinutes(30));
        (await bot.RunAsync("carol", "whoami")).Text.ShouldNotContain("Break-glass");
        (await bot.RunAsync("carol", "elevate list")).Text.ShouldBe("You hold no break-glass elevation.");
    }
}
