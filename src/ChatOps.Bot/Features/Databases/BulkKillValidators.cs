using FluentValidation;

namespace ChatOps.Bot.Features.Databases;

public sealed class KillSessionsCommandValidator : AbstractValidator<KillSessionsCommand>
{
    public KillSessionsCommandValidator(DatabaseTargetRule targets)
    {
        RuleFor(c => c.LongerThan).NotNull()
            .WithMessage("give a pid to kill one session, or --longer-than <dur> for a bulk kill");
        RuleFor(c => c.LongerThan).Must(BulkKillRules.LongEnough).When(c => c.LongerThan is not null)
            .WithMessage(c => BulkKillRules.TooShort("--longer-than", c.LongerThan!.Value));
        RuleFor(c => c.State).Must(s => s == SessionStates.Active).When(c => !c.Terminate)
            .WithMessage(c => $"--state {c.State} has no running query to cancel: add --terminate to end those sessions");
        BulkKillRules.OnlyAndDatabase(this, targets);
    }
}

public sealed class KillIdleSessionsCommandValidator : AbstractValidator<KillIdleSessionsCommand>
{
    public KillIdleSessionsCommandValidator(DatabaseTargetRule targets)
    {
        RuleFor(c => c.IdleFor).NotNull().WithMessage("--idle-for <dur> is required, e.g. --idle-for 1h");
        RuleFor(c => c.IdleFor).Must(BulkKillRules.LongEnough).When(c => c.IdleFor is not null)
            .WithMessage(c => BulkKillRules.TooShort("--idle-for", c.IdleFor!.Value));
        BulkKillRules.OnlyAndDatabase(this, targets);
    }
}

internal static class BulkKillRules
{
    /// <summary>Younger queries are normal traffic: a bulk kill below this would hit healthy work.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(30);

    public static bool LongEnough(TimeSpan? value) => value >= Minimum;

    public static string TooShort(string flag, TimeSpan value) =>
        $"{flag} {Durations.Format(value)} is below the 30s minimum for bulk kills; kill single sessions with `db kill <pid>`";

    public static void OnlyAndDatabase<T>(AbstractValidator<T> validator, DatabaseTargetRule targets)
        where T : IBulkKill
    {
        validator.RuleFor(c => c.Only).Must(o => SessionKeys.TryParse(o, out _)).When(c => c.Only is not null)
            .WithMessage($"--only is filled in by the bot: at most {SessionKeys.MaxSessions} distinct pid@backend_start@query_start entries, comma-separated");
        validator.RuleFor(c => c).CustomAsync(async (c, context, ct) =>
        {
            if (await targets.ErrorAsync(c.Database, c.Context, ct) is { } error)
            {
                context.AddFailure(error);
            }
        });
    }
}
