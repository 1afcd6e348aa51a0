using FluentValidation;

namespace ChatOps.Bot.Core;

/// <summary>
/// Input the parser refused. It still goes through the pipeline so that it is audited as invalid like any other
/// bad request; its validator always fails with the parser's message, so the handler is never reached.
/// </summary>
public sealed record UnparsedCommand(ChatContext Context, CommandLine Command, string Message) : IOperation;

public sealed class UnparsedCommandValidator : AbstractValidator<UnparsedCommand>
{
    public UnparsedCommandValidator() =>
        RuleFor(c => c).Must(_ => false).WithMessage(c => c.Message);
}

public sealed class UnparsedCommandHandler : IRequestHandler<UnparsedCommand, OperationResult>
{
    public ValueTask<OperationResult> Handle(UnparsedCommand request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(OperationResult.Invalid(request.Message));
}
