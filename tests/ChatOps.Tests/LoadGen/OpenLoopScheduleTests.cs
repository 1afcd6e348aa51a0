using ChatOps.LoadGen;

namespace ChatOps.Tests.LoadGen;

public sealed class OpenLoopScheduleTests
{
    [Theory]
    [InlineData(100, 3, 300)]
    [InlineData(500, 10, 5_000)]
    [InlineData(1_000, 10, 10_000)]
    [InlineData(0.5, 3, 2)]
    [InlineData(3, 1, 3)]
    public void Count_IsEveryRequestDueBeforeTheEnd(double rate, int seconds, long expected)
    {
        var schedule = new OpenLoopSchedule(rate, TimeSpan.FromSeconds(seconds));

        schedule.Count.ShouldBe(expected);
        schedule.DueAt(schedule.Count - 1).ShouldBeLessThan(schedule.Duration);
        schedule.DueAt(schedule.Count).ShouldBeGreaterThanOrEqualTo(schedule.Duration);
    }

    [Fact]
    public void DueAt_IsIndexOverRate_FromTheStart()
    {
        var schedule = new OpenLoopSchedule(1_000, TimeSpan.FromSeconds(10));

        schedule.DueAt(0).ShouldBe(TimeSpan.Zero);
        schedule.DueAt(7).ShouldBe(TimeSpan.FromMilliseconds(7));
        schedule.DueAt(9_999).ShouldBe(TimeSpan.FromMilliseconds(9_999));
    }

    [Fact]
    public void DueAt_DoesNotDrift_WhenTheIntervalIsNotAWholeTick()
    {
        // 1/3 s is 3,333,333.3 ticks: adding a rounded interval would drift; index / rate does not.
        var schedule = new OpenLoopSchedule(3, TimeSpan.FromSeconds(1_000));

        schedule.DueAt(1).Ticks.ShouldBe(3_333_333);
        schedule.DueAt(2).Ticks.ShouldBe(6_666_667);
        schedule.DueAt(2_999).ShouldBe(TimeSpan.FromSeconds(999) + TimeSpan.FromTicks(6_666_667));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_ARateThatIsNotPositive(double rate) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new OpenLoopSchedule(rate, TimeSpan.FromSeconds(1)));

    [Fact]
    public void Rejects_AnEmptyDuration() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new OpenLoopSchedule(100, TimeSpan.Zero));
}
