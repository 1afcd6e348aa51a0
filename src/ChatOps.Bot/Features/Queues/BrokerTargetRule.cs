using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Authorization;

namespace ChatOps.Bot.Features.Queues;

/// <summary>
/// <c>--broker</c> names a configured target, never a URL. A refusal lists the names this user may use (those where
/// they hold at least viewer).
/// </summary>
public sealed class BrokerTargetRule(IBrokerTargets targets, RolePolicy policy)
{
    /// <summary>The broker to use when <c>--broker</c> is omitted: the only one configured, else null.</summary>
    public string? Resolve(string? given) => given is null
        ? targets.Names.Count == 1 ? targets.Names[0] : null
        : targets.Find(given) ?? given;

    public async ValueTask<string?> ErrorAsync(string? broker, ChatContext context, CancellationToken cancellationToken)
    {
        if (broker is not null && targets.Find(broker) is not null)
        {
            return null;
        }

        if (targets.Names.Count == 0)
        {
            return "no brokers are configured (ChatOps:Brokers)";
        }

        var usable = new List<string>();
        foreach (var name in targets.Names)
        {
            if (await policy.RoleForAsync(context, new TargetScope(name), cancellationToken) >= Role.Viewer)
            {
                usable.Add(name);
            }
        }

        var names = usable.Count == 0 ? "you hold no role on any broker" : $"you may use: {string.Join(", ", usable)}";
        return broker is null
            ? $"several brokers are configured: give --broker <name> ({names})"
            : $"'{Truncate(broker)}' is not a configured broker ({names})";
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
