using FluentValidation;

namespace ChatOps.Bot.Features.Approvals;

/// <summary>Approving runs someone else's request, so it is itself audited write-ahead.</summary>
public sealed record ApproveCommand(ChatContext Context, CommandLine Command, string Id) : IMutating;

public sealed record DenyCommand(ChatContext Context, CommandLine Command, string Id, string? Reason) : IMutating;

public sealed class ApproveCommandValidator : AbstractValidator<ApproveCommand>
{
    public ApproveCommandValidator() =>
        RuleFor(c => c.Id).Must(RequestIds.IsValid).WithMessage(c => $"'{c.Id}' is not a request id (they look like r-k3x9m2p7qa)");
}

public sealed class DenyCommandValidator : AbstractValidator<DenyCommand>
{
    public DenyCommandValidator()
    {
        RuleFor(c => c.Id).Must(RequestIds.IsValid).WithMessage(c => $"'{c.Id}' is not a request id (they look like r-k3x9m2p7qa)");
        RuleFor(c => c.Reason).MaximumLength(500).WithMessage("the reason is too long (at most 500 characters)");
    }
}
