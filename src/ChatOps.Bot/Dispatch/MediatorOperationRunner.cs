namespace ChatOps.Bot.Dispatch;

public sealed class MediatorOperationRunner(ISender sender) : IOperationRunner
{
    public ValueTask<OperationResult> RunAsync(IOperation operation, CancellationToken cancellationToken) =>
        sender.Send(operation, cancellationToken);
}
