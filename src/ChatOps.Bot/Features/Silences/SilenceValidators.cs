using FluentValidation;

namespace ChatOps.Bot.Features.Silences;

public sealed class CreateSilenceCommandValidator : AbstractValidator<CreateSilenceCommand>
{
    public CreateSilenceCommandValidator(AlertmanagerTargetRule targets)
    {
        RuleFor(c => c.MatcherText).Custom((text, context) =>
        {
            if (!SilenceMatchers.TryParse(text, out var matchers, out var error))
            {
                context.AddFailure(error!);
            }
            else if (matchers.All(m => m.Matches(string.Empty)))
            {
                // Alertmanager refuses these itself (400); say why in our words, before asking anyone to approve.
                context.AddFailure("every matcher also matches alerts without that label: add one like alertname=X or namespace=shop");
            }
        });
        SilenceRules.Duration(this, c => c.Duration);
        RuleFor(c => c.Comment).Must(c => c is null || c.Length <= 500 && !c.Any(char.IsControl))
            .WithMessage("--comment is at most 500 characters without control characters");
        SilenceRules.Target(this, targets);
    }
}

public sealed class ListSilencesQueryValidator : AbstractValidator<ListSilencesQuery>
{
    public ListSilencesQueryValidator(AlertmanagerTargetRule targets) => SilenceRules.Target(this, targets);
}

public sealed class ExpireSilenceCommandValidator : AbstractValidator<ExpireSilenceCommand>
{
    public ExpireSilenceCommandValidator(AlertmanagerTargetRule targets)
    {
        SilenceRules.Id(this, c => c.Id);
        SilenceRules.Target(this, targets);
    }
}

public sealed class ExtendSilenceCommandValidator : AbstractValidator<ExtendSilenceCommand>
{
    public ExtendSilenceCommandValidator(AlertmanagerTargetRule targets)
    {
        SilenceRules.Id(this, c => c.Id);
        SilenceRules.Duration(this, c => c.Duration);
        SilenceRules.Target(this, targets);
    }
}

internal static class SilenceRules
{
    /// <summary>Alertmanager accepts longer silences; a year is far past any maintenance window and catches a typo'd unit.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    public static void Duration<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, TimeSpan>> duration) =>
        validator.RuleFor(duration)
            .Must(d => d > TimeSpan.Zero && d <= Longest)
            .WithMessage("give --for <duration> between 1s and 365d, e.g. --for 2h");

    /// <summary>Alertmanager's ids are UUIDs; anything else would only earn a 404 or reach a different path.</summary>
    public static void Id<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string>> id) =>
        validator.RuleFor(id)
            .Must(i => Guid.TryParseExact(i, "D", out _))
            .WithMessage("a silence id looks like 8f6d2c1e-5b7a-4c1d-9e0f-2a3b4c5d6e7f (see `silence list`)");

    public static void Target<T>(AbstractValidator<T> validator, AlertmanagerTargetRule targets)
        where T : ISilenceRequest =>
        validator.RuleFor(c => c).CustomAsync(async (c, context, ct) =>
        {
            if (await targets.ErrorAsync(c.Alertmanager, c.Context, ct) is { } error)
            {
                context.AddFailure(error);
            }
        });
}
