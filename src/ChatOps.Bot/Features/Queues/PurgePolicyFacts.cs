using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Features.Queues;

/// <summary>
/// The depth a purge would remove, read as the purge handler reads it: what the purge-depth limit judges. A depth
/// the broker cannot give is -1, which the limit counts as too deep: an unreadable queue costs one more approver,
/// never one fewer. A queue that does not exist is left to the approval details, which refuse it before anyone is asked.
/// </summary>
public sealed class PurgePolicyFacts(IQueueBroker broker) : IPolicyFacts
{
    public async ValueTask<PolicyRequest> AddFactsAsync(IOperation operation, PolicyRequest request, BlastRadiusOptions limits, CancellationToken cancellationToken)
    {
        if (!limits.JudgesPurgeDepth || operation is not PurgeQueueCommand { Broker: { } name } purge)
        {
            return request;
        }

        try
        {
            var queue = await broker.GetQueueAsync(name, purge.Queue, cancellationToken);
            return queue is null ? request : request with { QueueDepth = queue.Stats.Messages };
        }
        catch (PortFailure)
        {
            return request with { QueueDepth = -1 };
        }
    }
}
