using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Features.BreakGlass;

/// <summary>
/// Grants a break-glass elevation as <c>ChatOps:Policies:Elevation</c> says: refused with one line, granted at once
/// (SelfGrant), or held as a pending approval that someone else already holding the role on the scope (an admin
/// there, too) must approve. The approved run comes back through the whole pipeline carrying the grant, is judged
/// by the policy again, and only then writes the lease.
/// </summary>
public sealed class ElevateHandler(
    IElevationStore elevations,
    IApprovalStore approvals,
    RolePolicy roles,
    IGroupDirectory groups,
    IOptionsMonitor<PolicyOptions> policies,
    IOptionsMonitor<ApprovalOptions> approvalOptions,
    TimeProvider clock) : IRequestHandler<ElevateCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(ElevateCommand request, CancellationToken cancellationToken)
    {
        var ctx = request.Context;
        if (!ElevationText.TryScope(request.Scope, out var scope, out var error))
        {
            return OperationResult.Invalid(error!);
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return OperationResult.Invalid("--reason must say why (it is announced and audited); nothing was granted");
        }

        var highest = (await roles.GrantsAsync(ctx, cancellationToken)).Select(g => g.Role).DefaultIfEmpty(Role.None).Max();
        var ask = new ElevationAsk(ctx.Subject, await groups.GroupsOfAsync(ctx, cancellationToken), highest, request.Role, request.Duration);
        var (verdict, text) = ElevationRules.Judge(ask, policies.CurrentValue.Elevation);
        if (verdict == ElevationVerdict.Refuse)
        {
            return OperationResult.Denied(text);
        }

        if (request.Approval is { } grant)
        {
            var refusal = await CheckGrantAsync(request, grant, scope, cancellationToken);
            return refusal ?? await GrantAsync(request, scope, string.Join(",", grant.Approvers), cancellationToken);
        }

        return verdict == ElevationVerdict.Grant
            ? await GrantAsync(request, scope, ctx.Subject, cancellationToken)
            : await RequestApprovalAsync(request, scope, text, cancellationToken);
    }

    private async ValueTask<OperationResult> GrantAsync(ElevateCommand request, TargetScope scope, string grantedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var elevation = new Elevation(
            $"e-{RequestIds.New()[2..]}", request.Context.Subject, request.Role, scope.Target, scope.Namespace, request.Reason.Trim(),
            request.Command.Incident, grantedBy, now, now + request.Duration);
        await elevations.GrantElevationAsync(elevation, cancellationToken);
        return OperationResult.Success(
            $"break-glass: {request.Context.UserName} ({request.Context.Subject}) is elevated. {ElevationText.Line(elevation)}.\n" +
            $"Every command it authorizes is marked break-glass in the audit. End it early with `elevate revoke {elevation.Id}`.") with
        {
            Visibility = Visibility.InChannel,
            Reference = elevation.Id,
        };
    }

    /// <summary>The same checks the approval behaviour makes for a dangerous request, against the elevation's role and scope.</summary>
    private async ValueTask<OperationResult?> CheckGrantAsync(ElevateCommand request, ApprovalGrant grant, TargetScope scope, CancellationToken cancellationToken)
    {
        var approval = await approvals.GetAsync(grant.ApprovalId, cancellationToken);
        if (approval is null || !approval.IsExecutingFor(request.Command.Canonical, request.Context.Subject))
        {
            return OperationResult.Denied($"denied: approval {grant.ApprovalId} does not cover this elevation; nothing was granted");
        }

        foreach (var (approver, who) in approval.ApproversIn(request.Context))
        {
            if (string.Equals(approver, request.Context.Subject, StringComparison.Ordinal)
                || await roles.RoleForAsync(who, scope, cancellationToken) < request.Role)
            {
                return OperationResult.Denied(
                    $"denied: approver {approver} does not hold {RolePolicy.Describe(request.Role)} on {scope}; nothing was granted");
            }
        }

        return null;
    }

    private async ValueTask<OperationResult> RequestApprovalAsync(ElevateCommand request, TargetScope scope, string why, CancellationToken cancellationToken)
    {
        var ctx = request.Context;
        var now = clock.GetUtcNow();
        var approval = new PendingApproval(
            ctx.CorrelationId, ApprovalHash.Of(request.Command.Canonical), request.Command.Canonical, request.Command.Raw,
            ctx.Platform, ctx.UserId, ctx.UserName, ctx.ChannelId, ctx.ThreadId, ctx.CorrelationId,
            request.Role, scope.Target, scope.Namespace, now, now + approvalOptions.CurrentValue.ExpiresAfter, 1, ApprovalStatus.Pending, []);
        await approvals.CreateAsync(approval, cancellationToken);

        var role = RolePolicy.Describe(request.Role);
        var where = scope.IsGlobal ? "everywhere" : $"on {scope}";
        return new OperationResult(Outcome.AwaitingApproval,
            $"break-glass request: {ctx.UserName} asks for {role} {where} for {Durations.Format(request.Duration)} ({request.Reason.Trim()}); {why}. " +
            $"Someone else holding {role} {where} must approve {approval.Id} before {ApprovalText.Time(approval.ExpiresAt)}.\n" +
            $"Approve with `approve {approval.Id}` or deny with `deny {approval.Id} [reason]`.")
        {
            Title = "Break-glass approval needed",
            Visibility = Visibility.InChannel,
            Reference = approval.Id,
            Fields = [new("Requested by", ctx.UserName), new("Role", $"{role} {where}"), new("Reason", request.Reason.Trim())],
            Buttons =
            [
                new("Approve", $"approve {approval.Id}", ButtonStyle.Primary, $"Give {ctx.UserName} {role} {where}?"),
                new("Deny", $"deny {approval.Id}", ButtonStyle.Danger),
            ],
        };
    }
}
