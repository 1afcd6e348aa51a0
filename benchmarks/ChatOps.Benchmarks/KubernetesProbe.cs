using System.Diagnostics;

namespace ChatOps.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project benchmarks/ChatOps.Benchmarks -- kprobe`: time and bytes per bot `scale` against the
/// loopback test server in blocks of calls, so a cost that grows with the number of calls (not per call) shows.
/// </summary>
public static class KubernetesProbe
{
    public static void Run()
    {
        var bench = new KubernetesBenchmarks();
        bench.Setup();
        for (var block = 0; block < 6; block++)
        {
            const int calls = 300;
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                bench.BotScale().GetAwaiter().GetResult();
            }

            var perCall = (GC.GetTotalAllocatedBytes(precise: true) - bytes) / calls;
            Console.WriteLine($"calls {block * calls + 1,5}-{(block + 1) * calls,5}: {clock.Elapsed.TotalMilliseconds / calls,7:0.00} ms/call {perCall / 1024,8} KB/call");
        }

        bench.Cleanup();
    }
}
