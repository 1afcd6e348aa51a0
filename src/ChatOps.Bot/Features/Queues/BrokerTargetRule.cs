namespace ChatOps.Bot.Features.Queues;

/// <summary><c>--broker</c> names a configured target, never a URL.</summary>
public sealed class BrokerTargetRule(IBrokerTargets targets, RolePolicy policy)
    : NamedTargetRule(targets, policy, new TargetNouns("broker", "brokers", "--broker", "ChatOps:Brokers"));
