using FluentValidation;

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// <c>db kill &lt;pid@tag&gt;</c>: one session, named by the tag <c>db queries</c> showed, so a pid reused since then
/// is refused rather than hit. The tag is in the command line, so the audit and an approval (when <c>db kill</c> is
/// listed in ChatOps:Approvals:Commands) bind exactly this session. Cancelling a query is an operator's call;
/// ending a session is an admin's.
/// </summary>
public sealed record KillSessionCommand(ChatContext Context, CommandLine Command, string? Database, string Session, bool Terminate)
    : IDangerous
{
    /// <summary>A bulk-only flag given together with a session, which the validator refuses.</summary>
    public string? BulkFlag { get; init; }

    public Role RequiredRole => Terminate ? Role.Admin : Role.Operator;

    public TargetScope Scope => new(Database);

    public bool IsDangerous => false;

    public ApprovalGrant? Approval { get; init; }

    public SessionSignal Signal => Terminate ? SessionSignal.Terminate : SessionSignal.Cancel;

    /// <summary>Null only when <see cref="Session"/> is malformed, which the validator refuses.</summary>
    public SessionTag? Tag => SessionTag.TryParse(Session, out var tag) ? tag : null;
}

/// <summary>
/// <c>db kill &lt;pid&gt;</c>: a bare pid signals nothing. It shows who has that pid now and the exact tagged command
/// (and a button) that kills that session and no other.
/// </summary>
public sealed record KillSessionPromptQuery(ChatContext Context, CommandLine Command, string? Database, int Pid, bool Terminate)
    : IRequiresRole
{
    public string? BulkFlag { get; init; }

    public Role RequiredRole => Terminate ? Role.Admin : Role.Operator;

    public TargetScope Scope => new(Database);
}

public sealed class KillSessionCommandValidator : AbstractValidator<KillSessionCommand>
{
    public KillSessionCommandValidator(DatabaseTargetRule targets)
    {
        RuleFor(c => c.Session).Must(s => SessionTag.TryParse(s, out _))
            .WithMessage(c => $"<session> must be a pid or pid@tag from `db queries` (like 4242@k3f9a), not '{CommandParser.Truncate(c.Session)}'");
        KillRules.Common(this, c => c.BulkFlag, c => c.Database, c => c.Context, targets);
    }
}

public sealed class KillSessionPromptQueryValidator : AbstractValidator<KillSessionPromptQuery>
{
    public KillSessionPromptQueryValidator(DatabaseTargetRule targets) =>
        KillRules.Common(this, c => c.BulkFlag, c => c.Database, c => c.Context, targets);
}

internal static class KillRules
{
    public static void Common<T>(
        AbstractValidator<T> validator, Func<T, string?> bulkFlag, Func<T, string?> database, Func<T, ChatContext> context, DatabaseTargetRule targets)
    {
        validator.RuleFor(c => bulkFlag(c)).Null()
            .WithMessage(c => $"--{bulkFlag(c)} is for bulk kills: give either a session or --longer-than, not both");
        validator.RuleFor(c => c).CustomAsync(async (c, ctx, ct) =>
        {
            if (await targets.ErrorAsync(database(c), context(c), ct) is { } error)
            {
                ctx.AddFailure(error);
            }
        });
    }
}
