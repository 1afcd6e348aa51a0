using Mediator;

namespace ChatOps.Bot.Operations.Audit;

public sealed record VerifyAuditQuery(ChatContext Context, CommandLine Command) : IRequiresRole
{
    public Role RequiredRole => Role.Admin;

    public TargetScope Scope => TargetScope.Global;
}

public sealed class VerifyAuditHandler(IAuditLog log) : IRequestHandler<VerifyAuditQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(VerifyAuditQuery request, CancellationToken cancellationToken)
    {
        var verification = await log.VerifyAsync(cancellationToken);
        return verification.IsIntact
            ? OperationResult.Success(verification.ToString())
            : OperationResult.Failure(verification.ToString());
    }
}
