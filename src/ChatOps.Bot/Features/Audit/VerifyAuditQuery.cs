using FluentValidation;

namespace ChatOps.Bot.Features.Audit;

public sealed record VerifyAuditQuery(ChatContext Context, CommandLine Command, string? Against = null) : IRequiresRole
{
    public Role RequiredRole => Role.Admin;

    public TargetScope Scope => TargetScope.Global;
}

public sealed class VerifyAuditQueryValidator : AbstractValidator<VerifyAuditQuery>
{
    public VerifyAuditQueryValidator()
    {
        RuleFor(q => q.Against)
            .Must(a => a is null || AuditAnchor.TryParse(a, out _))
            .WithMessage($"--against must be {AuditAnchor.Format}");
    }
}

public sealed class VerifyAuditHandler(IAuditLog log) : IRequestHandler<VerifyAuditQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(VerifyAuditQuery request, CancellationToken cancellationToken)
    {
        // The anchor is read before the walk: records appended in between only lengthen the chain past it.
        string? anchorProblem = null;
        if (request.Against is { } against && AuditAnchor.TryParse(against, out var anchor))
        {
            var head = await log.HeadAsync(cancellationToken);
            var atSequence = head is null || head.Sequence < anchor.Sequence ? null : await log.EntryAsync(anchor.Sequence, cancellationToken);
            anchorProblem = anchor.Check(head, atSequence);
        }

        var verification = await log.VerifyAsync(cancellationToken);
        if (anchorProblem is not null)
        {
            return OperationResult.Failure($"audit chain BROKEN against the published head: {anchorProblem}; {verification}");
        }

        return verification.IsIntact
            ? OperationResult.Success(verification.ToString())
            : OperationResult.Failure(verification.ToString());
    }
}
