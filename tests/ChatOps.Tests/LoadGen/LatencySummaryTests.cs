using ChatOps.LoadGen;

namespace ChatOps.Tests.LoadGen;

public sealed class LatencySummaryTests
{
    private static LatencySummary Milliseconds(IEnumerable<int> values) => new(values.Select(v => TimeSpan.FromMilliseconds(v)));

    [Fact]
    public void Percentiles_UseTheNearestRank_OfOneToAHundred()
    {
        var summary = Milliseconds(Enumerable.Range(1, 100).Reverse());

        summary.Percentile(50).ShouldBe(TimeSpan.FromMilliseconds(50));
        summary.Percentile(90).ShouldBe(TimeSpan.FromMilliseconds(90));
        summary.Percentile(99).ShouldBe(TimeSpan.FromMilliseconds(99));
        summary.Percentile(99.9).ShouldBe(TimeSpan.FromMilliseconds(100));
        summary.Max.ShouldBe(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void P999_OfAThousand_IsTheSecondLargest()
    {
        var summary = Milliseconds(Enumerable.Range(1, 1_000));

        summary.Percentile(99.9).ShouldBe(TimeSpan.FromMilliseconds(999));
        summary.Percentile(50).ShouldBe(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void OneSlowRequestInAHundred_ShowsAtP99_AndNotAtP90()
    {
        var summary = Milliseconds(Enumerable.Repeat(1, 98).Append(2_000).Append(3_000));

        summary.Percentile(90).ShouldBe(TimeSpan.FromMilliseconds(1));
        summary.Percentile(99).ShouldBe(TimeSpan.FromMilliseconds(2_000));
        summary.Max.ShouldBe(TimeSpan.FromMilliseconds(3_000));
    }

    [Fact]
    public void Empty_ReportsZero()
    {
        var summary = Milliseconds([]);

        summary.Count.ShouldBe(0);
        summary.Percentile(99).ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100.1)]
    [InlineData(-1)]
    public void Rejects_PercentilesOutsideTheRange(double percent) =>
        Should.Throw<ArgumentOutOfRangeException>(() => Milliseconds([1]).Percentile(percent));
}
