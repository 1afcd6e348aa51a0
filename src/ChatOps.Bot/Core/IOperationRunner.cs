namespace ChatOps.Bot.Core;

/// <summary>Sends a request through the whole pipeline (approvals use it to run what was approved).</summary>
public interface IOperationRunner
{
    ValueTask<OperationResult> RunAsync(IOperation operation, CancellationToken cancellationToken);
}
