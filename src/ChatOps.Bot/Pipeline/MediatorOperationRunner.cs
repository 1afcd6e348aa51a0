using ChatOps.Bot.Operations;
using Mediator;

namespace ChatOps.Bot.Pipeline;

public sealed class MediatorOperationRunner(ISender sender) : IOperationRunner
{
    public ValueTask<OperationResult> RunAsync(IOperation operation, CancellationToken cancellationToken) =>
        sender.Send(operation, cancellationToken);
}
