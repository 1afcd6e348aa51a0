using ChatOps.Bot.Chat;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Chat;

/// <summary>One timer for every ack budget (issue 19): deadlines fire in time, never late, and the timer idles when none waits.</summary>
public sealed class AckDeadlinesTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(2500);

    [Fact]
    public void ADeadline_FiresWithinOneResolutionBeforeItsBudget_NeverAfter()
    {
        var clock = new TestClock();
        using var deadlines = new AckDeadlines(clock);
        var due = deadlines.After(Budget);

        clock.Advance(Budget - AckDeadlines.Resolution - TimeSpan.FromMilliseconds(1));
        due.IsCompleted.ShouldBeFalse("not earlier than one resolution before the budget");

        clock.Advance(AckDeadlines.Resolution + TimeSpan.FromMilliseconds(1));
        due.IsCompleted.ShouldBeTrue("never after the budget: Slack's 3 s still holds");
    }

    [Fact]
    public void ABudgetWithinOneResolution_IsDueAtOnce_RatherThanAtTheNextTick()
    {
        var clock = new TestClock();
        using var deadlines = new AckDeadlines(clock);

        deadlines.After(TimeSpan.FromMilliseconds(1)).IsCompleted.ShouldBeTrue("the next tick would be up to 50 ms late");
        deadlines.Waiting.ShouldBe(0);
    }

    [Fact]
    public void ManyRequests_ShareTheOneTimer_AndEachFiresAtItsOwnTime()
    {
        var clock = new TestClock();
        using var deadlines = new AckDeadlines(clock);
        var early = Enumerable.Range(0, 1000).Select(_ => deadlines.After(Budget)).ToList();
        clock.Advance(TimeSpan.FromSeconds(1));
        var late = deadlines.After(Budget);

        clock.Advance(Budget - TimeSpan.FromSeconds(1));

        early.ShouldAllBe(t => t.IsCompleted);
        late.IsCompleted.ShouldBeFalse();
        deadlines.Waiting.ShouldBe(1);
        clock.Advance(TimeSpan.FromSeconds(1));
        late.IsCompleted.ShouldBeTrue();
        deadlines.Waiting.ShouldBe(0);
    }

    [Fact]
    public void AfterAnIdleSpell_TheTimerStartsAgain()
    {
        var clock = new TestClock();
        using var deadlines = new AckDeadlines(clock);
        var first = deadlines.After(Budget);
        clock.Advance(Budget);
        first.IsCompleted.ShouldBeTrue();
        clock.Advance(TimeSpan.FromMinutes(5));

        var second = deadlines.After(Budget);
        clock.Advance(Budget);

        second.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public void Dispose_ReleasesWhoeverStillWaits()
    {
        var clock = new TestClock();
        var deadlines = new AckDeadlines(clock);
        var waiting = deadlines.After(Budget);

        deadlines.Dispose();

        waiting.IsCompleted.ShouldBeTrue("the caller takes the \"working on it\" path instead of hanging");
    }
}
