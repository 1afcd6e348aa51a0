using FluentValidation;

namespace ChatOps.Bot.Features.Databases;

/// <summary><c>db queries</c>: read-only, so any viewer of the database may run it.</summary>
public sealed record ListSessionsQuery(ChatContext Context, CommandLine Command, string? Database, string State, TimeSpan? LongerThan, int Limit)
    : IRequiresRole
{
    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Database);
}

public sealed class ListSessionsQueryValidator : AbstractValidator<ListSessionsQuery>
{
    public ListSessionsQueryValidator(DatabaseTargetRule targets) =>
        RuleFor(q => q).CustomAsync(async (q, context, ct) =>
        {
            if (await targets.ErrorAsync(q.Database, q.Context, ct) is { } error)
            {
                context.AddFailure(error);
            }
        });
}
