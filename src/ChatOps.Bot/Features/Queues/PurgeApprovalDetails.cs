using ChatOps.Bot.Features.Approvals;

namespace ChatOps.Bot.Features.Queues;

/// <summary>An approver of <c>queue purge</c> sees how many messages it would throw away right now.</summary>
public sealed class PurgeApprovalDetails(IQueueBroker broker) : IApprovalDetails
{
    public const string FieldName = "Current depth";

    public async ValueTask<ResultField?> DescribeAsync(IDangerous request, CancellationToken cancellationToken)
    {
        if (request is not PurgeQueueCommand { Broker: { } name } purge)
        {
            return null;
        }

        try
        {
            var detail = await broker.GetQueueAsync(name, purge.Queue, cancellationToken);
            var value = detail?.Stats is { } q
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{q.Messages} message(s) in {q.Name} ({q.Ready} ready, {q.Unacknowledged} unacked), {q.Consumers} consumer(s)")
                : $"unknown: there is no queue '{QueueText.Short(purge.Queue)}' on broker {name} now";
            return new ResultField(FieldName, value, Short: false);
        }
        catch (PortFailure ex)
        {
            // A partial answer, not a failed one: the approval is still requested, with the depth marked unknown.
            return new ResultField(FieldName, $"unknown: {ex.Message}", Short: false);
        }
    }
}
