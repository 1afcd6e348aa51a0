namespace ChatOps.Bot.Features.Queues;

public sealed class ReplayQueueHandler(IQueueBroker broker) : IRequestHandler<ReplayQueueCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(ReplayQueueCommand request, CancellationToken cancellationToken)
    {
        var name = request.Broker!;
        try
        {
            if (await broker.ReplayAsync(name, request.Plan, cancellationToken) is not { } done)
            {
                var names = (await broker.ListQueuesAsync(name, cancellationToken)).Select(q => q.Name);
                return OperationResult.Failure($"{QueueText.Unknown(request.Queue, name, names)}; nothing was moved");
            }

            var text = string.Create(CultureInfo.InvariantCulture,
                $"replayed {done.Moved} message(s) from {done.Queue} on {name} to {done.Destination}; {done.Left} left in {done.Queue}");
            return OperationResult.Success(text) with
            {
                Title = $"Replayed {done.Queue} on {name}",
                Visibility = Visibility.InChannel,
                Fields = [new("Moved", QueueText.Count(done.Moved)), new("Left", QueueText.Count(done.Left)), new("To", done.Destination)],
            };
        }
        catch (Exception ex) when (ex is WrongQueueException or ReplayRefusedException)
        {
            // Both are thrown before the move is sent: the messages are where they were.
            return OperationResult.Failure($"{ex.Message}; nothing was moved");
        }
        catch (PortFailure ex)
        {
            return OperationResult.Failure($"{ex.Message}; some messages may have moved: check with `queue check {request.Queue} --broker {name}`");
        }
    }
}
