namespace ChatOps.Bot.Pipeline;

/// <summary>
/// Outermost: an expected port failure becomes its own one-line answer (the only place one does; handlers let it
/// through), and an unexpected exception a one-line answer with the reference, never a stack trace.
/// </summary>
public sealed class ExceptionMappingBehavior<TMessage, TResponse>(ILogger<ExceptionMappingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IOperation
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (PortFailure failure)
        {
            return PipelineResults.As<TResponse>(failure.Answer);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return PipelineResults.As<TResponse>(OperationResult.Failure(
                $"`{message.Command.Name}` was cancelled before it finished; check `audit` for what happened. Reference: {message.Context.CorrelationId}"));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Command {Command} failed unexpectedly for {Subject}", message.Command.Name, message.Context.Subject);
            return PipelineResults.As<TResponse>(OperationResult.Failure(
                $"`{message.Command.Name}` failed unexpectedly. Reference: {message.Context.CorrelationId}"));
        }
    }
}
