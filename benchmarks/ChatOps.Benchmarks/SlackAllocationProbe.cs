using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ChatOps.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project benchmarks/ChatOps.Benchmarks -- slackprobe [help|whoami|status]`: which types
/// the whole Slack HTTP path allocates, from the runtime's allocation ticks (one event per ≈ 100 KB, naming the type of
/// the object that crossed the mark), over a few thousand signed slash commands after a warm-up. A sample, not a
/// count: it says where to look, BenchmarkDotNet's [MemoryDiagnoser] says how much.
/// </summary>
public static class SlackAllocationProbe
{
    public static void Run(string command)
    {
        var bench = new SlackEndpointBenchmarks();
        bench.Setup();
        Func<int> send = command switch
        {
            "whoami" => bench.SlashCommandWhoAmI,
            "status" => bench.SlashCommandStatus,
            _ => bench.SlashCommandHelp,
        };
        for (var i = 0; i < 2000; i++)
        {
            send();
        }

        using var ticks = new AllocationTicks();
        const int Requests = 5000;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Requests; i++)
        {
            send();
        }

        var total = GC.GetTotalAllocatedBytes(precise: true) - before;
        bench.Cleanup();
        Console.WriteLine($"{command}: {total / Requests:N0} B allocated per request (whole process, {Requests} requests)");
        foreach (var (type, bytes) in ticks.Bytes.OrderByDescending(p => p.Value).Take(25))
        {
            Console.WriteLine($"{bytes * 100.0 / ticks.Total,6:F1} %  {type}");
        }
    }

    private sealed class AllocationTicks : EventListener
    {
        public ConcurrentDictionary<string, long> Bytes { get; } = new(StringComparer.Ordinal);

        public long Total;

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName != "GCAllocationTick_V4" || eventData.Payload is null)
            {
                return;
            }

            var type = eventData.Payload[eventData.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
            Bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
            Interlocked.Add(ref Total, amount);
        }
    }
}
