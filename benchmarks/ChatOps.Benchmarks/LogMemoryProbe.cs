using System.Diagnostics;

namespace ChatOps.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project benchmarks/ChatOps.Benchmarks -- logprobe`: bytes allocated per <c>logs</c> call on
/// a 50 MiB log and the process's peak working set after each kind of call, the unbounded whole-log read last so its
/// peak cannot hide the others'.
/// </summary>
public static class LogMemoryProbe
{
    public static void Run()
    {
        var bench = new InvestigationBenchmarks();
        bench.Setup();
        var whole = bench.BigLogWholeRaw; // sized once here, measured last
        Console.WriteLine($"log of pod {bench.Pod}: {Size(bench) / (1024.0 * 1024):0.0} MiB");
        Measure("logs <pod> (defaults)", () => bench.BigLogDefaults());
        Measure("logs <deploy> --tail 100", () => bench.BotLogsTail100());
        Measure("logs <pod> --since 10m", () => bench.BigLogSince10m());
        Measure("logs, limitBytes ignored", () => bench.BigLogServerIgnoresLimit());
        Measure("raw whole log (unbounded)", () => whole(), calls: 3);
        bench.Cleanup();
    }

    /// <summary>The log's length in bytes, streamed through a small buffer so that sizing it holds nothing.</summary>
    private static long Size(InvestigationBenchmarks bench)
    {
        using var http = new HttpClient { BaseAddress = bench.Server.BaseAddress };
        using var stream = http.GetStreamAsync($"/api/v1/namespaces/urbanos/pods/{bench.Pod}/log").GetAwaiter().GetResult();
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    private static void Measure<T>(string name, Func<Task<T>> call, int calls = 20)
    {
        call().GetAwaiter().GetResult();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            call().GetAwaiter().GetResult();
        }

        var perCall = (GC.GetTotalAllocatedBytes(precise: true) - bytes) / calls;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"{name,-28} {perCall / 1024,9:N0} KiB allocated/call   peak working set so far {self.PeakWorkingSet64 / (1024 * 1024),5} MiB");
    }
}
