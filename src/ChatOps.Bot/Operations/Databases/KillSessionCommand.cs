using FluentValidation;

namespace ChatOps.Bot.Operations.Databases;

/// <summary><c>db kill &lt;pid&gt;</c>: one session. Cancelling a query is an operator's call; ending a session is an admin's.</summary>
public sealed record KillSessionCommand(ChatContext Context, CommandLine Command, string? Database, int Pid, bool Terminate)
    : IMutating, IRequiresRole
{
    /// <summary>A bulk-only flag given together with a pid, which the validator refuses.</summary>
    public string? BulkFlag { get; init; }

    public Role RequiredRole => Terminate ? Role.Admin : Role.Operator;

    public TargetScope Scope => new(Database);

    public SessionSignal Signal => Terminate ? SessionSignal.Terminate : SessionSignal.Cancel;
}

public sealed class KillSessionCommandValidator : AbstractValidator<KillSessionCommand>
{
    public KillSessionCommandValidator(DatabaseTargetRule targets)
    {
        RuleFor(c => c.BulkFlag).Null()
            .WithMessage(c => $"--{c.BulkFlag} is for bulk kills: give either a pid or --longer-than, not both");
        RuleFor(c => c).CustomAsync(async (c, context, ct) =>
        {
            if (await targets.ErrorAsync(c.Database, c.Context, ct) is { } error)
            {
                context.AddFailure(error);
            }
        });
    }
}
