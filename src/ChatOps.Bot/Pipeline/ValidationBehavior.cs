using FluentValidation;

namespace ChatOps.Bot.Pipeline;

/// <summary>
/// Refuses a request with its first validation error and the usage line; nothing after it runs. Then each
/// <see cref="IGlobalOptionCheck"/> checks what every command may carry (the global <c>--incident</c>); its errors are
/// not about the command's own arguments, so they come without the usage line; nor do errors coded
/// <see cref="ValidationCodes.NotConfigured"/>, which are about the bot's configuration.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(
    IEnumerable<IValidator<TMessage>> validators, IEnumerable<IGlobalOptionCheck> checks, CommandRegistry registry)
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

        foreach (var check in checks)
        {
            if (await check.CheckAsync(message, cancellationToken) is { } refusal)
            {
                return PipelineResults.As<TResponse>(OperationResult.Invalid(refusal));
            }
        }

        return await next(message, cancellationToken);
    }
}
