namespace ChatOps.Bot.Features.Authorization;

internal sealed class TargetCatalog(IOptionsMonitor<TargetOptions> options, IEnumerable<IProductionTargets>? others = null) : ITargetCatalog
{
    public bool IsProduction(string? target)
    {
        if (target is null)
        {
            return false;
        }

        var o = options.CurrentValue;
        return o.Clusters.TryGetValue(target, out var c) && c.Production
            || o.Databases.TryGetValue(target, out var d) && d.Production
            || o.Brokers.TryGetValue(target, out var b) && b.Production
            || (others ?? []).Any(t => t.IsProduction(target));
    }
}
