namespace ChatOps.Bot.Features.Queues;

/// <summary>The configured brokers (ChatOps:Brokers) as the handlers may see them: names and thresholds, never credentials.</summary>
public interface IBrokerTargets : INamedTargets
{
    /// <summary>The depth above which the queue is flagged: its own WarningDepth, else the broker's.</summary>
    long WarningDepth(string broker, string queue);
}
