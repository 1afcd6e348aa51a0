using ChatOps.LoadGen;

namespace ChatOps.Tests.LoadGen;

public sealed class RunReportTests
{
    private static RunReport Report(long succeeded, long nonSuccess, long timedOut, long failed, long dropped, TimeSpan elapsed) =>
        new("help", 500, succeeded + nonSuccess + timedOut + failed + dropped, succeeded, nonSuccess, timedOut, failed, dropped, elapsed,
            new LatencySummary(Enumerable.Range(1, 100).Select(i => TimeSpan.FromMilliseconds(i / 10.0))),
            new LatencySummary([TimeSpan.FromMilliseconds(0.05)]));

    [Fact]
    public void AchievedRate_IsAnswersOverTheWholeRun()
    {
        // 4,000 answers, the last 10 s after the first send: the server fell behind 500 req/s.
        Report(3_990, 10, 0, 0, 0, TimeSpan.FromSeconds(10)).AchievedRate.ShouldBe(400);
    }

    [Fact]
    public void Errors_CountNon2xxTimeoutsSocketErrorsAndDrops()
    {
        Report(100, 1, 2, 3, 4, TimeSpan.FromSeconds(1)).Errors.ShouldBe(10);
    }

    [Fact]
    public void ResultLine_KeepsTheWrkColumnOrder_ThenAddsTheTail()
    {
        var fields = Report(4_990, 10, 0, 0, 0, TimeSpan.FromSeconds(10)).ResultLine().Split('\t');

        fields.ShouldBe(["RESULT", "help", "500", "500.0", "5.00", "9.90", "9.00", "10.00", "10.00", "5000", "5000", "10"]);
    }
}
