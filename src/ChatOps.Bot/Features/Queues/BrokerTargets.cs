namespace ChatOps.Bot.Features.Queues;

/// <summary>ChatOps:Brokers as the handlers may see it: names, kinds and warning depths, never URLs or credentials.</summary>
internal sealed class BrokerTargets(IOptionsMonitor<TargetOptions> options)
    : NamedTargets<BrokerOptions>(options, o => o.Brokers), IBrokerTargets
{
    public long WarningDepth(string broker, string queue)
    {
        if (!Current.TryGetValue(broker, out var b))
        {
            return long.MaxValue;
        }

        return b.Queues.TryGetValue(queue, out var q) && q.WarningDepth is { } depth ? depth : b.WarningDepth;
    }
}
