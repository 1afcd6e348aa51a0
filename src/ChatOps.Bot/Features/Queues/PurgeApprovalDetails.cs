namespace ChatOps.Bot.Features.Queues;

/// <summary>
/// An approver of <c>queue purge</c> sees how many messages it would throw away right now; a queue that does not
/// exist is refused before anyone is asked.
/// </summary>
public sealed class PurgeApprovalDetails(IQueueBroker broker) : IApprovalDetails
{
    public const string FieldName = "Current depth";

    public async ValueTask<ApprovalDetail?> DescribeAsync(IDangerous request, CancellationToken cancellationToken)
    {
        if (request is not PurgeQueueCommand { Broker: { } name } purge)
        {
            return null;
        }

        try
        {
            if (await broker.GetQueueAsync(name, purge.Queue, cancellationToken) is not { Stats: var q })
            {
                return ApprovalDetail.NotFound(QueueText.Unknown(purge.Queue, name, await CloseNamesAsync(name, cancellationToken)));
            }

            return ApprovalDetail.Show(new ResultField(FieldName, string.Create(CultureInfo.InvariantCulture,
                $"{q.Messages} message(s) in {q.Name} ({q.Ready} ready, {q.Unacknowledged} unacked), {q.Consumers} consumer(s)"), Short: false));
        }
        catch (PortFailure ex)
        {
            // A partial answer, not a failed one: the approval is still requested, with the depth marked unknown.
            return ApprovalDetail.Show(new ResultField(FieldName, $"unknown: {ex.Message}", Short: false));
        }
    }

    // The broker already said the queue is missing; failing to list the others only costs the "did you mean" hint.
    private async Task<IEnumerable<string>> CloseNamesAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await broker.ListQueuesAsync(name, cancellationToken)).Select(s => s.Name);
        }
        catch (PortFailure)
        {
            return [];
        }
    }
}
