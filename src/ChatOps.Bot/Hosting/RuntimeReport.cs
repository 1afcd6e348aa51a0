using System.Globalization;
using ChatOps.Bot.Features.Kubernetes.Metrics;

namespace ChatOps.Bot.Hosting;

/// <summary>
/// The runtime settings that decide the bot's memory, as the runtime took them, for one line at start. The workstation
/// GC sizes gen0 from the cache the host reports unless it is told a budget, so the same build peaked at 130 MiB on one
/// VM and 201 MiB on another (issue 19); this line is where an operator sees which settings a running bot got.
/// </summary>
public static class RuntimeReport
{
    public static string Describe() => Describe(GC.GetConfigurationVariables(), Environment.ProcessorCount);

    public static string Describe(IReadOnlyDictionary<string, object> gc, int processors)
    {
        var mode = Flag(gc, "ServerGC") ? "server GC" : "workstation GC";
        var concurrent = Flag(gc, "ConcurrentGC") ? "concurrent" : "non-concurrent";
        // A value of a type this does not expect is "not reported": a log line must never stop the bot from starting.
        var bytes = gc.TryGetValue("GCGen0MaxBudget", out var value) ? value switch { long l => l, ulong u => (double)u, int i => i, _ => 0 } : 0;
        var budget = bytes > 0 ? MetricsText.Bytes(bytes) : "not reported";
        return string.Create(CultureInfo.InvariantCulture, $"{mode}, {concurrent}, gen0 budget {budget}, {processors} CPU(s)");
    }

    private static bool Flag(IReadOnlyDictionary<string, object> gc, string name) =>
        gc.TryGetValue(name, out var value) && value is true;
}
