namespace ChatOps.Bot.Features.Queues;

public sealed class PurgeQueueHandler(IQueueBroker broker) : IRequestHandler<PurgeQueueCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(PurgeQueueCommand request, CancellationToken cancellationToken)
    {
        var name = request.Broker!;
        var sent = false;
        try
        {
            var before = await broker.GetQueueAsync(name, request.Queue, cancellationToken);
            sent = before is not null;
            var after = before is null ? null : await broker.PurgeAsync(name, request.Queue, cancellationToken);
            if (before is null || after is null)
            {
                var names = (await broker.ListQueuesAsync(name, cancellationToken)).Select(q => q.Name);
                return OperationResult.Failure($"{QueueText.Unknown(request.Queue, name, names)}; nothing was purged");
            }

            var b = before.Stats;
            var removed = Math.Max(0, b.Messages - after.Messages);

            // A purge removes ready messages only: those delivered and not yet acknowledged stay with their consumers.
            var unacked = after.Unacknowledged > 0
                ? string.Create(CultureInfo.InvariantCulture, $"; {after.Unacknowledged} unacknowledged message(s) stay with their consumers")
                : string.Empty;
            var text = string.Create(CultureInfo.InvariantCulture,
                $"purged queue {b.Name} on {name}: {removed} message(s) removed (depth {b.Messages} → {after.Messages}){unacked}");
            return OperationResult.Success(text) with
            {
                Title = $"Purged {b.Name} on {name}",
                Visibility = Visibility.InChannel,
                Fields = [new("Removed", QueueText.Count(removed)), new("Depth before", QueueText.Count(b.Messages)), new("Depth after", QueueText.Count(after.Messages))],
            };
        }
        catch (WrongQueueException ex)
        {
            // Caught here, not left to the pipeline: only this handler knows whether the purge was sent. This one is
            // thrown before it is: the name reaches another object, which stays as it was.
            return OperationResult.Failure($"{ex.Message}; nothing was purged");
        }
        catch (PortFailure ex)
        {
            return OperationResult.Failure(sent
                ? $"{ex.Message}; the purge may have run: check with `queue check {request.Queue} --broker {name}`"
                : $"{ex.Message}; nothing was purged");
        }
    }
}
