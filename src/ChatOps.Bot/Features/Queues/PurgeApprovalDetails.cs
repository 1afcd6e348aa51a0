namespace ChatOps.Bot.Features.Queues;

/// <summary>
/// An approver of <c>queue purge</c> sees how many messages it would throw away right now; a queue that does not
/// exist is refused before anyone is asked.
/// </summary>
public sealed class PurgeApprovalDetails(IQueueBroker broker) : ApprovalDetails<PurgeQueueCommand>(FieldName)
{
    public const string FieldName = "Current depth";

    protected override async Task<ApprovalDetail?> ReadAsync(PurgeQueueCommand purge, CancellationToken cancellationToken)
    {
        if (purge.Broker is not { } name)
        {
            return null;
        }

        if (await broker.GetQueueAsync(name, purge.Queue, cancellationToken) is not { Stats: var q })
        {
            return ApprovalDetail.NotFound(QueueText.Unknown(purge.Queue, name, await CloseNamesAsync(name, cancellationToken)));
        }

        return ApprovalDetail.Show(FieldName, string.Create(CultureInfo.InvariantCulture,
            $"{q.Messages} message(s) in {q.Name} ({q.Ready} ready, {q.Unacknowledged} unacked), {q.Consumers} consumer(s)"));
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
