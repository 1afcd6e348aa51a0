using FluentValidation;

namespace ChatOps.Bot.Features.Incidents;

internal static class IncidentRules
{
    public const string SeverityMessage = "must be one of P1, P2, P3, P4";

    public static bool IsSeverity(string severity) => IncidentSchedule.NormalizeSeverity(severity) is not null;

    public static bool IsIdOrNull(string? id) => id is null || IncidentIds.TryNormalize(id, out _);

    public static string IdMessage(string? id) => $"'{id}' is not an incident id (like INC-2026-0001)";
}

public sealed class DeclareIncidentCommandValidator : AbstractValidator<DeclareIncidentCommand>
{
    public DeclareIncidentCommandValidator()
    {
        RuleFor(c => c.Severity).Must(IncidentRules.IsSeverity).WithMessage(c => $"severity '{c.Severity}' {IncidentRules.SeverityMessage}");
        RuleFor(c => c.Title).NotEmpty().WithMessage("give the incident a title: `incident declare P2 checkout errors`")
            .MaximumLength(200).WithMessage("the title is longer than 200 characters");
        RuleFor(c => c.Commander).Must(c => c is null || UserToken.Parse(c) is not null).WithMessage("--commander needs a user (@name)");
        RuleFor(c => c.Lead).Must(c => c is null || UserToken.Parse(c) is not null).WithMessage("--lead needs a user (@name)");
    }
}

public sealed class UpdateIncidentCommandValidator : AbstractValidator<UpdateIncidentCommand>
{
    public UpdateIncidentCommandValidator()
    {
        RuleFor(c => c.Id).Must(IncidentRules.IsIdOrNull).WithMessage(c => IncidentRules.IdMessage(c.Id));
        RuleFor(c => c.Text).NotEmpty().WithMessage("say what changed: `incident update rolled back the release`")
            .MaximumLength(2000).WithMessage("the update is longer than 2000 characters");
    }
}

public sealed class ChangeSeverityCommandValidator : AbstractValidator<ChangeSeverityCommand>
{
    public ChangeSeverityCommandValidator()
    {
        RuleFor(c => c.Id).Must(IncidentRules.IsIdOrNull).WithMessage(c => IncidentRules.IdMessage(c.Id));
        RuleFor(c => c.Severity).Must(IncidentRules.IsSeverity).WithMessage(c => $"severity '{c.Severity}' {IncidentRules.SeverityMessage}");
    }
}

public sealed class ChangeCommanderCommandValidator : AbstractValidator<ChangeCommanderCommand>
{
    public ChangeCommanderCommandValidator()
    {
        RuleFor(c => c.Id).Must(IncidentRules.IsIdOrNull).WithMessage(c => IncidentRules.IdMessage(c.Id));
        RuleFor(c => c.Commander).Must(c => UserToken.Parse(c) is not null).WithMessage("name the new commander: `incident commander @bob`");
    }
}

public sealed class ResolveIncidentCommandValidator : AbstractValidator<ResolveIncidentCommand>
{
    public ResolveIncidentCommandValidator() =>
        RuleFor(c => c.Id).Must(IncidentRules.IsIdOrNull).WithMessage(c => IncidentRules.IdMessage(c.Id));
}

public sealed class ShowIncidentQueryValidator : AbstractValidator<ShowIncidentQuery>
{
    public ShowIncidentQueryValidator() =>
        RuleFor(c => c.Id).Must(IncidentRules.IsIdOrNull).WithMessage(c => IncidentRules.IdMessage(c.Id));
}

public sealed class IncidentPostmortemQueryValidator : AbstractValidator<IncidentPostmortemQuery>
{
    public IncidentPostmortemQueryValidator() =>
        RuleFor(c => c.Id).Must(IncidentRules.IsIdOrNull).WithMessage(c => IncidentRules.IdMessage(c.Id));
}
