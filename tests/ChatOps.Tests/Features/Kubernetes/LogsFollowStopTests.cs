using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Tests.Dispatch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Following = ChatOps.Tests.Features.Kubernetes.LogsFollowTests.Following;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary>
/// The Stop button of a running <c>logs --follow</c>: it runs <c>logs stop &lt;id&gt;</c> as the clicker, which only
/// the requester or an operator may do, ends the follow on this replica, and says so in one line when there is nothing
/// here to stop.
/// </summary>
public sealed class LogsFollowStopTests
{
    private const string Follow = "logs web -f --cluster staging";

    // frank may read staging (a viewer) but did not start the follow.
    private static Following Start() => new(s =>
    {
        s["ChatOps:Roles:Bindings:5:Subject"] = "console:frank";
        s["ChatOps:Roles:Bindings:5:Role"] = "viewer";
    });

    private static async Task<string> StopCommandOf(Following f)
    {
        var interim = await f.WriteAndTick("2026-03-01T09:00:01Z INFO served request 1");
        var stop = interim.Buttons.ShouldHaveSingleItem();
        stop.Label.ShouldBe("Stop");
        stop.Command.ShouldMatch("^logs stop [0-9a-f]{12} -n default --cluster staging$");
        return stop.Command;
    }

    [Fact]
    public async Task Stop_ByTheRequester_EndsTheFollow_TheFinalAnswerSaysWho_AndTheClickIsAudited()
    {
        await using var f = Start();
        var work = f.Start(Follow);
        var stop = await StopCommandOf(f);

        var stopped = await f.Bot.RunAsync("carol", stop);
        var result = await work.WaitAsync(TimeSpan.FromSeconds(30));

        stopped.Outcome.ShouldBe(Outcome.Succeeded, stopped.Text);
        stopped.Text.ShouldBe("stopped following the log of web in pod web-3-fghij");
        stopped.LeavesCard.ShouldBeTrue("the follow's own final answer replaces the card");
        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldContain("2026-03-01T09:00:01Z INFO served request 1");
        result.Text.ShouldEndWith("stopped following: console:carol clicked Stop");
        result.Buttons.ShouldNotContain(b => b.Label == "Stop", "the final answer has nothing left to stop");
        f.Bot.Store.Entries.ShouldContain(e => e.Record.RawText == stop && e.Record.UserId == "carol");
    }

    [Fact]
    public async Task Stop_BySomeoneElse_IsDeniedWithoutOperator_AndTheFollowGoesOn_ButAnOperatorMayStopIt()
    {
        await using var f = Start();
        var work = f.Start(Follow);
        var stop = await StopCommandOf(f);

        var denied = await f.Bot.RunAsync("frank", stop);

        denied.Outcome.ShouldBe(Outcome.Denied);
        denied.Text.ShouldBe("denied: only console:carol, who started this follow, or an operator on staging/default may stop it; console:frank may not");
        work.IsCompleted.ShouldBeFalse("a refused Stop stops nothing");
        (await f.WriteAndTick("2026-03-01T09:00:02Z INFO served request 2")).Text.ShouldContain("served request 2");

        var byAdmin = await f.Bot.RunAsync("alice", stop);
        byAdmin.Outcome.ShouldBe(Outcome.Succeeded, byAdmin.Text);
        (await work.WaitAsync(TimeSpan.FromSeconds(30))).Text.ShouldEndWith("stopped following: console:alice clicked Stop");
    }

    [Fact]
    public async Task Stop_AfterTheFollowEnded_SaysSoInOneLine()
    {
        await using var f = Start();
        var work = f.Start(Follow);
        var stop = await StopCommandOf(f);
        f.Writes.Writer.Complete();
        (await work.WaitAsync(TimeSpan.FromSeconds(30))).Text.ShouldEndWith("stopped following: the container's log ended");

        var late = await f.Bot.RunAsync("carol", stop);

        late.Outcome.ShouldBe(Outcome.Invalid);
        late.Text.ShouldBe("the follow of web in pod web-3-fghij has already ended; there was nothing to stop");
    }

    [Theory]
    [InlineData("logs stop 0123456789ab --cluster staging")]
    [InlineData("logs stop {0} -n other --cluster staging")]
    public async Task Stop_OfAFollowThisReplicaDoesNotHold_SaysItCouldNotBeStoppedHere(string command)
    {
        await using var f = Start();
        var work = f.Start(Follow);
        var id = (await StopCommandOf(f)).Split(' ')[2];

        var elsewhere = await f.Bot.RunAsync("alice", command.Replace("{0}", id, StringComparison.Ordinal));

        elsewhere.Outcome.ShouldBe(Outcome.Failed);
        elsewhere.Text.ShouldStartWith("log follow ");
        elsewhere.Text.ShouldContain("is not running on this replica of the bot, so it could not be stopped here");
        work.IsCompleted.ShouldBeFalse();
        f.Writes.Writer.Complete();
        await work.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task StopClick_LeavesTheCardToTheFollowsFinalAnswer()
    {
        await using var f = Start();
        var work = f.Start(Follow);
        var stop = await StopCommandOf(f);
        var cards = new CardActions(f.Bot.Dispatcher, f.Bot.Store, new ApprovalCardDecisions(f.Bot.Store), NullLogger<CardActions>.Instance);

        var click = await CardActionsTests.ClickAsync(cards, new CardClick(stop, "follow-card", f.Bot.Context("carol")));

        click.Result.Outcome.ShouldBe(Outcome.Succeeded);
        click.Change.ShouldBe(CardChange.Refused, "the clicker is told privately; the card is the follow's to finish");
        await work.WaitAsync(TimeSpan.FromSeconds(30));
        f.Bot.Services.GetRequiredService<ILogFollows>().Find(stop.Split(' ')[2]).State.ShouldBe(FollowState.Ended);
    }
}
