using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Help;
using ChatOps.Bot.Parsing;

namespace ChatOps.Benchmarks;

/// <summary>`dotnet run -c Release --project benchmarks/ChatOps.Benchmarks -- probe`: bytes allocated per step of a help command.</summary>
public static class AllocationProbe
{
    public static void Run()
    {
        var bench = new CommandBenchmarks();
        bench.Setup();
        var registry = new CommandRegistry([new HelpGrammar(), new AuditGrammar(), new ApprovalGrammar()]);
        var record = new AuditRecord("r-x", DateTimeOffset.UtcNow, "console", "alice", "alice", "C1", "help", "help", null,
            AuditDecision.Allowed, null, AuditOutcome.Succeeded, null, 1, "r-x");
        Measure("parse help", () => bench.ParseHelp());
        Measure("help text", () => HelpRenderer.List(registry));
        Measure("audit hash", () => AuditChain.Hash(AuditChain.Genesis, 1, record));
        Measure("dispatch help", () => bench.DispatchHelp().GetAwaiter().GetResult());
        Measure("dispatch whoami", () => bench.DispatchWhoAmI().GetAwaiter().GetResult());
        var help = bench.DispatchHelp().GetAwaiter().GetResult();
        Console.WriteLine($"(help answer: {help.Text.Length:N0} characters)");
        Measure("slack help blocks", () => ChatOps.Bot.Chat.Slack.BlockKit.Response(help));
        bench.Cleanup();
    }

    private static void Measure(string name, Func<object> step)
    {
        for (var i = 0; i < 1000; i++)
        {
            step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            step();
        }

        Console.WriteLine($"{name,-18} {(GC.GetAllocatedBytesForCurrentThread() - before) / 1000,8} B");
    }
}
