using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>What an adapter does with a click: admit and claim it, then run it.</summary>
    internal static async Task<CardActionResult> ClickAsync(CardActions cards, CardClick click)
    {
        var ticket = await cards.TryClaimAsync(click, CancellationToken.None);
        ticket.ShouldNotBeNull("a first click is claimed");
        return await cards.RunAsync(ticket, CancellationToken.None);
    }

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

        (await ClickAsync(cards, first)).Result.Outcome.ShouldBe(Outcome.Succeeded);

        // A replayed payload carries a fresh request id; it is still the same click.
        (await cards.TryClaimAsync(Click(bot, "alice", "test-scale web 2 --cluster staging"), CancellationToken.None)).ShouldBeNull();
        bot.Scale.Calls.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task SameButton_ClickedBySomeoneElse_OrOnAnotherCard_IsANewClick()
    {
        await using var bot = TestBot.Create();
        var cards = Cards(bot);

        (await cards.TryClaimAsync(Click(bot, "alice", "status web"), CancellationToken.None)).ShouldNotBeNull();
        (await cards.TryClaimAsync(Click(bot, "bob", "status web"), CancellationToken.None)).ShouldNotBeNull();
        (await cards.TryClaimAsync(Click(bot, "alice", "status web", card: "card-2"), CancellationToken.None)).ShouldNotBeNull();
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

        var done = await ClickAsync(cards, Click(bot, "carol", "test-scale web 3"));

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

        var done = await ClickAsync(Cards(bot), Click(bot, "dave", $"approve {id}"));

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

        var done = await ClickAsync(Cards(bot), Click(bot, "alice", $"approve {id}"));

        done.Change.ShouldBe(change);
        done.ButtonsStay.ShouldBe(change != CardChange.Settled);
        (await bot.Store.GetAsync(id, CancellationToken.None))!.Status.ShouldBe(status);
    }

    [Fact]
    public async Task OrdinaryButton_AnswersTheCard_AndKeepsItsButtons()
    {
        await using var bot = TestBot.Create();

        var done = await ClickAsync(Cards(bot), Click(bot, "alice", "test-scale web 2 --cluster staging"));

        done.Result.Outcome.ShouldBe(Outcome.Succeeded);
        done.Change.ShouldBe(CardChange.Answered);
    }

    [Fact]
    public async Task ClickOnABusyBot_IsRefusedBeforeItIsClaimed_SoTheSameClickWorksOnceTheBotHasRoom()
    {
        await using var bot = TestBot.Create(s => s["ChatOps:Dispatch:MaxInFlight"] = "1");
        var cards = Cards(bot);
        var id = await PendingApprovalAsync(bot);
        var approve = Click(bot, "alice", $"approve {id}");
        var running = bot.Dispatcher.Admit("whoami", bot.Context("bob"));

        var busy = await cards.TryClaimAsync(approve, CancellationToken.None);

        busy.ShouldNotBeNull();
        busy.Refusal.ShouldNotBeNull().Text.ShouldBe(CommandDispatcher.Busy);
        (await cards.RunAsync(busy, CancellationToken.None)).Change.ShouldBe(CardChange.Refused, "the card keeps its buttons for the retry");
        (await bot.Store.GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Pending);
        bot.Scale.Calls.ShouldBeEmpty();

        running.Dispose();
        var done = await ClickAsync(cards, Click(bot, "alice", $"approve {id}"));

        done.Change.ShouldBe(CardChange.Settled, "the refused click claimed nothing, so the same click is new");
        (await bot.Store.GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Executed);
        bot.Scale.Calls.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RepeatedClick_GivesItsSlotBack_AndAClaimedClickHoldsItsSlotUntilItHasRun()
    {
        await using var bot = TestBot.Create(s => s["ChatOps:Dispatch:MaxInFlight"] = "1");
        var cards = Cards(bot);
        var inFlight = bot.Services.GetRequiredService<InFlightCommands>();
        (await ClickAsync(cards, Click(bot, "alice", "whoami"))).Result.Outcome.ShouldBe(Outcome.Succeeded);

        (await cards.TryClaimAsync(Click(bot, "alice", "whoami"), CancellationToken.None)).ShouldBeNull();
        inFlight.Count.ShouldBe(0, "a repeat runs nothing and holds nothing");

        var claimed = await cards.TryClaimAsync(Click(bot, "bob", "whoami"), CancellationToken.None);
        inFlight.Count.ShouldBe(1);
        await cards.RunAsync(claimed.ShouldNotBeNull(), CancellationToken.None);
        inFlight.Count.ShouldBe(0);
    }
}
