namespace ChatOps.Bot.Features.Authorization;

internal sealed class TargetOptionsValidator(IConfiguration configuration) : IValidateOptions<TargetOptions>
{
    public ValidateOptionsResult Validate(string? name, TargetOptions options)
    {
        var e = new OptionsErrors();
        e.EachElementBinds<ClusterOptions>(configuration, "ChatOps:Clusters");
        e.EachElementBinds<DatabaseOptions>(configuration, "ChatOps:Databases");
        e.EachElementBinds<BrokerOptions>(configuration, "ChatOps:Brokers");
        foreach (var (key, c) in options.Clusters)
        {
            var k = $"ChatOps:Clusters:{key}";
            e.Check(Names.IsDns1123Subdomain(key), k, "a target name must be lower-case letters, digits, '-' and '.'");
            e.Check(c.InCluster || c.Kubeconfig.Length > 0, $"{k}:Kubeconfig", "set a kubeconfig path or InCluster: true");
            e.Check(c.MaxReplicas is >= 0 and <= 10_000, $"{k}:MaxReplicas", "must be between 0 and 10000");
            e.Check(Names.IsDns1123Label(c.DefaultNamespace), $"{k}:DefaultNamespace", $"'{c.DefaultNamespace}' is not a namespace name");
            e.Check(c.Namespaces.All(Names.IsDns1123Label), $"{k}:Namespaces", "every entry must be a namespace name");
            e.Check(
                c.RequestTimeout >= TimeSpan.FromSeconds(1) && c.RequestTimeout <= TimeSpan.FromMinutes(5),
                $"{k}:RequestTimeout",
                $"{c.RequestTimeout} must be between 00:00:01 and 00:05:00");
            e.Check(c.MaxLogLines is >= 1 and <= 10_000, $"{k}:MaxLogLines", "must be between 1 and 10000");
            e.Check(c.LogLines >= 1 && c.LogLines <= c.MaxLogLines, $"{k}:LogLines", "must be between 1 and MaxLogLines");
            e.Check(c.MaxLogBytes is >= 1024 and <= 4 * 1024 * 1024, $"{k}:MaxLogBytes", "must be between 1024 and 4194304");
            CheckWatchCache(e, k, c);
            e.Check(c.LogFollow >= TimeSpan.FromSeconds(10) && c.LogFollow <= TimeSpan.FromMinutes(10), $"{k}:LogFollow", $"{c.LogFollow} must be between 00:00:10 and 00:10:00");
        }

        var defaults = options.Clusters.Where(c => c.Value.Default).Select(c => c.Key).ToList();
        e.Check(defaults.Count <= 1, "ChatOps:Clusters:*:Default", $"only one cluster may be the default, not {string.Join(", ", defaults)}");

        foreach (var (key, d) in options.Databases)
        {
            var k = $"ChatOps:Databases:{key}";
            e.Check(Names.IsDns1123Subdomain(key), k, "a target name must be lower-case letters, digits, '-' and '.'");
            e.Check(d.ConnectionString.Length > 0, $"{k}:ConnectionString", "must be set");
        }

        foreach (var (key, b) in options.Brokers)
        {
            var k = $"ChatOps:Brokers:{key}";
            e.Check(Names.IsDns1123Subdomain(key), k, "a target name must be lower-case letters, digits, '-' and '.'");
            e.Check(Enum.IsDefined(b.Kind), $"{k}:Kind", "must be ActiveMq or RabbitMq");
            e.Check(b.Url.Length > 0, $"{k}:Url", "must be set");
            e.Url(b.Url, $"{k}:Url");
            e.Check(
                b.RequestTimeout >= TimeSpan.FromSeconds(1) && b.RequestTimeout <= TimeSpan.FromMinutes(5),
                $"{k}:RequestTimeout",
                $"{b.RequestTimeout} must be between 00:00:01 and 00:05:00");
            e.Check(b.WarningDepth >= 0, $"{k}:WarningDepth", "must be 0 or more");
            e.Check(b.Queues.Values.All(q => q.WarningDepth is null or >= 0), $"{k}:Queues:*:WarningDepth", "must be 0 or more");
        }

        var names = options.Clusters.Keys.Concat(options.Databases.Keys).Concat(options.Brokers.Keys)
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var dup in names)
        {
            e.Check(false, $"ChatOps:*:{dup}", "the same target name is used by two kinds of target; role scopes would be ambiguous");
        }

        return e.Result;
    }

    private static void CheckWatchCache(OptionsErrors e, string k, ClusterOptions c)
    {
        e.Check(c.WatchCacheMaxObjects is >= 1 and <= 100_000, $"{k}:WatchCacheMaxObjects", "must be between 1 and 100000");
        e.Check(
            c.WatchCacheStaleAfter >= TimeSpan.FromSeconds(1) && c.WatchCacheStaleAfter <= TimeSpan.FromMinutes(5),
            $"{k}:WatchCacheStaleAfter",
            $"{c.WatchCacheStaleAfter} must be between 00:00:01 and 00:05:00");
    }
}
