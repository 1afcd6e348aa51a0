using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.Dispatch;

/// <summary>The card-button algorithm both Slack and Teams run, on the real core over the in-memory store.</summary>
public sealed class CardActionsTests
{
    private const string Dangerous = "test-scale web 0 --cluster prod-eks";

    private static CardActions Cards(TestBot bot) => new(
        bot.Dispatcher,
        bot.Store,
        new ApprovalCardDecisions(bot.Store),
        NullLogger<CardActions>.Instance);

    private static CardClick Click(TestBot bot, string user, string command, string card = "card-1") => new(command, card, bot.Context(user));

    private static async Task<string> PendingApprovalAsync(TestBot bot)
    {
        var requested = await bot.RunAsync("dave", Dangerous);
        requested.Outcome.ShouldBe(Outcome.AwaitingApproval);
        return requested.Reference!;
    }

    [Fact]
    public async Task SecondClick_BySamePersonOnSameButton_IsNotClaimed_SoNothingRunsTwice()
    {
        await using var bot = TestBot.Create();
        var cards = Cards(bot);
        var first = Click(bot, "alice", "test-scale web 2 --cluster staging");

        (await cards.TryClaimAsync(first, CancellationToken.None)).ShouldBeTrue();
        (await cards.RunAsync(first, CancellationToken.None)).Result.Outcome.ShouldBe(Outcome.Succeeded);

        // A replayed payload carries a fresh request id; it is still the same click.
        (await cards.TryClaimAsync(Click(bot, "alice", "test-scale web 2 --cluster staging"), CancellationToken.None)).ShouldBeFalse();
        bot.Scale.Calls.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task SameButton_ClickedBySomeoneElse_OrOnAnotherCard_IsANewClick()
    {
        await using var bot = TestBot.Create();
        var cards = Cards(bot);

        (await cards.TryClaimAsync(Click(bot, "alice", "status web"), CancellationToken.None)).ShouldBeTrue();
        (await cards.TryClaimAsync(Click(bot, "bob", "status web"), CancellationToken.None)).ShouldBeTrue();
        (await cards.TryClaimAsync(Click(bot, "alice", "status web", card: "card-2"), CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public void ClaimKey_KeepsTheFormatEarlierReleasesStored_SoAClickIsNotRunAgainAcrossAnUpgrade()
    {
        var clicker = new ChatContext("slack", "U1", "ann", "C1", null, "r-1", DateTimeOffset.UnixEpoch);

        new CardClick("status web", "1700000000.000100", clicker).ClaimKey.ShouldBe("slack:action:C1:1700000000.000100:U1:status web");
    }

    [Fact]
    public async Task Refusal_LeavesTheCardAndItsButtons_ForSomeoneWhoMayUseThem()
    {
        await using var bot = TestBot.Create();
        var cards = Cards(bot);

        var done = await cards.RunAsync(Click(bot, "carol", "test-scale web 3"), CancellationToken.None);

        done.Result.Outcome.ShouldBe(Outcome.Denied);
        done.Change.ShouldBe(CardChange.Refused);
        done.ButtonsStay.ShouldBeTrue();
        bot.Scale.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task ApproveClick_ByTheRequester_IsRefused_AndTheApprovalStaysPending()
    {
        await using var bot = TestBot.Create();
        var id = await PendingApprovalAsync(bot);

        var done = await Cards(bot).RunAsync(Click(bot, "dave", $"approve {id}"), CancellationToken.None);

        done.Change.ShouldBe(CardChange.Refused);
        done.Result.Text.ShouldStartWith("you cannot approve your own request");
        (await bot.Store.GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Pending);
        bot.Scale.Calls.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1", CardChange.Settled, ApprovalStatus.Executed)]
    [InlineData("2", CardChange.Answered, ApprovalStatus.Pending)]
    public async Task ApproveClick_BySomeoneElse_RemovesTheButtons_OnlyOnceNoVoteIsMissing(string required, CardChange change, ApprovalStatus status)
    {
        await using var bot = TestBot.Create(s => s["ChatOps:Approvals:RequiredApprovers"] = required);
        var id = await PendingApprovalAsync(bot);

        var done = await Cards(bot).RunAsync(Click(bot, "alice", $"approve {id}"), CancellationToken.None);

        done.Change.ShouldBe(change);
        done.ButtonsStay.ShouldBe(change != CardChange.Settled);
        (await bot.Store.GetAsync(id, CancellationToken.None))!.Status.ShouldBe(status);
    }

    [Fact]
    public async Task OrdinaryButton_AnswersTheCard_AndKeepsItsButtons()
    {
        await using var bot = TestBot.Create();

        var done = await Cards(bot).RunAsync(Click(bot, "alice", "test-scale web 2 --cluster staging"), CancellationToken.None);

        done.Result.Outcome.ShouldBe(Outcome.Succeeded);
        done.Change.ShouldBe(CardChange.Answered);
    }
}
