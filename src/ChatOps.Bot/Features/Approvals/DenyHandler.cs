namespace ChatOps.Bot.Features.Approvals;

/// <summary>The requester may withdraw their own request; anyone else needs the role the request needs.</summary>
public sealed class DenyHandler(IApprovalStore store, RolePolicy policy, TimeProvider clock) : IRequestHandler<DenyCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(DenyCommand request, CancellationToken cancellationToken)
    {
        var ctx = request.Context;
        var (approval, refusal) = await ApprovalText.LoadPendingAsync(store, request.Id, cancellationToken);
        if (approval is null)
        {
            return refusal!;
        }

        var ownRequest = string.Equals($"{approval.Platform}:{approval.RequesterId}", ctx.Subject, StringComparison.Ordinal);
        if (!ownRequest)
        {
            var scope = ApprovalText.ScopeOf(approval);
            var role = await policy.RoleForAsync(ctx, scope, cancellationToken);
            if (role < approval.RequiredRole)
            {
                return OperationResult.Denied(
                    $"denying {approval.Id} needs {RolePolicy.Describe(approval.RequiredRole)} on {scope}, or being its requester");
            }
        }

        if (!await store.DenyAsync(approval.Id, ctx.Subject, request.Reason, clock.GetUtcNow(), cancellationToken))
        {
            var current = await store.GetAsync(approval.Id, cancellationToken) ?? approval;
            return OperationResult.Denied(ApprovalText.NotPending(current));
        }

        var verb = ownRequest ? "withdrawn by its requester" : $"denied by {ctx.UserName}";
        var reason = request.Reason is { Length: > 0 } r ? $": {r}" : string.Empty;
        return OperationResult.Success($"{approval.Id} (`{approval.CanonicalCommand}`) {verb}{reason}; nothing was run") with
        {
            Visibility = Visibility.InChannel,
        };
    }
}
