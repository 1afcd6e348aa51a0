using ChatOps.Bot.Features.Authorization;

namespace ChatOps.Bot.Features.Queues;

/// <summary>ChatOps:Brokers as the handlers may see it: names, kinds and warning depths, never URLs or credentials.</summary>
internal sealed class BrokerTargets(IOptionsMonitor<TargetOptions> options) : IBrokerTargets
{
    public IReadOnlyList<string> Names => options.CurrentValue.Brokers.Keys.Order(StringComparer.Ordinal).ToList();

    public string? Find(string name) =>
        options.CurrentValue.Brokers.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    public long WarningDepth(string broker, string queue)
    {
        if (!options.CurrentValue.Brokers.TryGetValue(broker, out var b))
        {
            return long.MaxValue;
        }

        return b.Queues.TryGetValue(queue, out var q) && q.WarningDepth is { } depth ? depth : b.WarningDepth;
    }
}
