using FluentValidation;

namespace ChatOps.Bot.Pipeline;

/// <summary>
/// Refuses a request with its first validation error and the usage line; nothing after it runs. Validators of
/// <see cref="IOperation"/> itself check what every command may carry (the global <c>--incident</c>); their errors
/// are not about the command's own arguments, so they come without the usage line; nor do errors coded
/// <see cref="ValidationCodes.NotConfigured"/>, which are about the bot's configuration.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(
    IEnumerable<IValidator<TMessage>> validators, IEnumerable<IValidator<IOperation>> common, CommandRegistry registry)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IOperation
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                var error = result.Errors[0].ErrorMessage;
                var spec = message is UnparsedCommand || result.Errors[0].ErrorCode == ValidationCodes.NotConfigured ? null : registry.Find(message.Command.Name);
                var text = spec is null ? error : $"{error}\nusage: {HelpRenderer.Usage(spec)}";
                return PipelineResults.As<TResponse>(OperationResult.Invalid(text));
            }
        }

        foreach (var validator in common)
        {
            var result = await validator.ValidateAsync(new ValidationContext<IOperation>(message), cancellationToken);
            if (!result.IsValid)
            {
                return PipelineResults.As<TResponse>(OperationResult.Invalid(result.Errors[0].ErrorMessage));
            }
        }

        return await next(message, cancellationToken);
    }
}
