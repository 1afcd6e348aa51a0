using ChatOps.Bot.Hosting;

namespace ChatOps.Tests.Hosting;

public sealed class RuntimeReportTests
{
    [Fact]
    public void Describe_NamesTheGcModeAndTheGen0BudgetInMiB()
    {
        var gc = new Dictionary<string, object> { ["ServerGC"] = false, ["ConcurrentGC"] = true, ["GCGen0MaxBudget"] = 6_291_456L };

        RuntimeReport.Describe(gc, 2).ShouldBe("workstation GC, concurrent, gen0 budget 6 MiB, 2 CPU(s)");
    }

    [Fact]
    public void Describe_ServerGcWithoutBackgroundCollections_AndAFractionalBudget()
    {
        var gc = new Dictionary<string, object> { ["ServerGC"] = true, ["ConcurrentGC"] = false, ["GCGen0MaxBudget"] = 1_572_864UL };

        RuntimeReport.Describe(gc, 8).ShouldBe("server GC, non-concurrent, gen0 budget 1.5 MiB, 8 CPU(s)");
    }

    [Fact]
    public void Describe_SaysSo_WhenTheRuntimeReportsNoBudget()
    {
        RuntimeReport.Describe(new Dictionary<string, object>(), 1).ShouldBe("workstation GC, non-concurrent, gen0 budget not reported, 1 CPU(s)");
    }

    [Fact]
    public void Describe_AnUnexpectedValue_IsNotReported_NotThrown()
    {
        var gc = new Dictionary<string, object> { ["GCGen0MaxBudget"] = "0x600000" };

        RuntimeReport.Describe(gc, 1).ShouldContain("gen0 budget not reported");
    }

    [Fact]
    public void Describe_ReadsThisProcesssOwnRuntime()
    {
        RuntimeReport.Describe().ShouldContain($"{Environment.ProcessorCount} CPU(s)");
    }
}
