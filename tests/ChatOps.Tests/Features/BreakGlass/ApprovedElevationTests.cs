using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;

namespace ChatOps.Tests.Features.BreakGlass;

/// <summary>SelfGrant off: the elevation waits for one approval by someone else who already holds the role there.</summary>
public sealed class ApprovedElevationTests
{
    [Fact]
    public async Task NeedsApproval_GrantsNothingUntilSomeoneHoldingTheRoleApproves_ThenGrantsOnce()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: false);

        var asked = await bot.RunAsync("carol", "elevate admin --for 1h --reason \"db failover\"");

        asked.Outcome.ShouldBe(Outcome.AwaitingApproval, asked.Text);
        var id = asked.Reference!;
        asked.Text.ShouldContain("elevation needs one approval by someone else holding that role");
        var pending = (await bot.Store.GetAsync(id, CancellationToken.None))!;
        pending.RequiredRole.ShouldBe(Role.Admin);
        pending.RequiredApprovers.ShouldBe(1);
        (await bot.Store.ActiveElevationsAsync("console:carol", bot.Clock.GetUtcNow(), CancellationToken.None)).ShouldBeEmpty();

        (await bot.RunAsync("carol", $"approve {id}")).Text.ShouldStartWith("you cannot approve your own request");
        (await bot.RunAsync("dave", $"approve {id}")).Text.ShouldBe($"approving {id} needs admin on global; you have no role there");

        var approved = await bot.RunAsync("alice", $"approve {id}");

        approved.Outcome.ShouldBe(Outcome.Succeeded, approved.Text);
        approved.Text.ShouldContain("(approved by console:alice)");
        var live = (await bot.Store.ActiveElevationsAsync("console:carol", bot.Clock.GetUtcNow(), CancellationToken.None)).ShouldHaveSingleItem();
        live.Role.ShouldBe(Role.Admin);
        live.GrantedBy.ShouldBe("console:alice");
        (await bot.Store.GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Executed);
        (await bot.RunAsync("bob", $"approve {id}")).Outcome.ShouldNotBe(Outcome.Succeeded, "an approval runs once");
        (await bot.Store.ActiveElevationsAsync("console:carol", bot.Clock.GetUtcNow(), CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task AScopedElevation_MayBeApprovedBySomeoneHoldingTheRoleOnThatScope_NotANarrowerOne()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: false);
        var id = (await bot.RunAsync("carol", "elevate operator --for 30m --reason restart --scope prod-eks")).Reference!;

        (await bot.RunAsync("erin", $"approve {id}")).Outcome.ShouldBe(Outcome.Denied, "erin holds operator only on prod-eks/default");
        var approved = await bot.RunAsync("dave", $"approve {id}");

        approved.Outcome.ShouldBe(Outcome.Succeeded, approved.Text);
        (await bot.RunAsync("carol", "test-scale web 2 --cluster prod-eks -n billing")).Outcome.ShouldBe(Outcome.Succeeded);
    }

    [Fact]
    public async Task APolicyThatNoLongerAllowsTheAsker_RefusesTheApprovedRun()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: false);
        var id = (await bot.RunAsync("carol", "elevate admin --for 1h --reason x")).Reference!;

        bot.Reconfigure("ChatOps:Policies:Elevation:MaxDuration", "00:30:00");
        var approved = await bot.RunAsync("alice", $"approve {id}");

        approved.Text.ShouldContain("refused: 1h is above the maximum of 30m");
        (await bot.Store.ActiveElevationsAsync("console:carol", bot.Clock.GetUtcNow(), CancellationToken.None)).ShouldBeEmpty();
    }
}
