using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Pipeline;

/// <summary>
/// Two-person rule. A dangerous request on a production target does not run: it becomes a pending approval bound
/// to the hash of its canonical form. When it comes back carrying a grant, the grant is checked against the store
/// (the approval must be executing and match this exact request) and every approver's role is checked again.
/// A policy rule that asks for approval (a freeze overridden for an incident, a scale below the production minimum)
/// asks on any target, and the approval binds to those rules: if they change while it waits, it no longer covers.
/// </summary>
public sealed class ApprovalBehavior<TMessage, TResponse>(
    IApprovalStore store,
    ITargetCatalog targets,
    RolePolicy policy,
    IOptionsMonitor<ApprovalOptions> options,
    IEnumerable<IApprovalDetails> details,
    TimeProvider clock,
    IEnumerable<IDangerAssessment>? assessments = null,
    PolicyDecisions? decisions = null) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IDangerous
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var policy = decisions?.For(message) ?? PolicyDecision.None;
        var production = targets.IsProduction(message.Scope.Target);
        if (!production && policy.ApprovalReason is null)
        {
            return await next(message, cancellationToken);
        }

        var reason = policy.ApprovalReason ?? (production ? await AssessAsync(message, cancellationToken) : null);
        if (!(production && NeedsApproval(message)) && reason is null)
        {
            return await next(message, cancellationToken);
        }

        var hash = ApprovalHash.Of(message.Command.Canonical, policy.Binding);
        if (message.Approval is { } grant)
        {
            var refusal = await CheckGrantAsync(message, grant, hash, cancellationToken);
            return refusal is null ? await next(message, cancellationToken) : PipelineResults.As<TResponse>(refusal);
        }

        // A purge-depth limit alone asks for one approver where none would be needed; with anything else asking, one more.
        var otherwiseHeld = (production && NeedsApproval(message)) || (policy.ApprovalReason is null && reason is not null);
        var count = policy.RequiredApprovers(otherwiseHeld, options.CurrentValue.RequiredApprovers);
        var ask = new ApprovalAsk(reason, policy.ApprovalReason is not null, hash, production, count, policy.Demand()?.Approvers);
        return PipelineResults.As<TResponse>(await RequestApprovalAsync(message, ask, cancellationToken));
    }

    private bool NeedsApproval(TMessage message) =>
        message is not IPreviewable { DryRun: true }
        && (message.IsDangerous || options.CurrentValue.Commands.Contains(message.Command.Name, StringComparer.OrdinalIgnoreCase));

    /// <summary>Why the request is dangerous beyond its arguments; a preview changes nothing, so it is never asked about.</summary>
    private async ValueTask<string?> AssessAsync(TMessage message, CancellationToken cancellationToken)
    {
        if (message is IPreviewable { DryRun: true })
        {
            return null;
        }

        foreach (var assessment in assessments ?? [])
        {
            if (await assessment.AssessAsync(message, cancellationToken) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private async ValueTask<OperationResult?> CheckGrantAsync(TMessage message, ApprovalGrant grant, string hash, CancellationToken cancellationToken)
    {
        var approval = await store.GetAsync(grant.ApprovalId, cancellationToken);
        if (approval is null || !approval.IsExecutingFor(message.Command.Canonical, message.Context.Subject))
        {
            return OperationResult.Denied($"denied: approval {grant.ApprovalId} does not cover this request; nothing was run");
        }

        if (!string.Equals(approval.RequestHash, hash, StringComparison.Ordinal))
        {
            return OperationResult.Denied(
                $"denied: the policy rules that apply to this request changed while {grant.ApprovalId} waited; nothing was run. Ask again (`policy test` shows the rules now)");
        }

        foreach (var (approver, who) in approval.ApproversIn(message.Context))
        {
            var role = await policy.RoleForAsync(who, message.Scope, cancellationToken);
            if (role < message.RequiredRole)
            {
                return OperationResult.Denied(
                    $"denied: approver {approver} no longer holds {RolePolicy.Describe(message.RequiredRole)} on {message.Scope}; nothing was run");
            }

            // The rule is unchanged (the hash says so), but a binding or a group membership may have changed since the vote.
            if (approval.Eligible is { } eligible && !eligible.Admits(await policy.SubjectsAsync(who, cancellationToken), role))
            {
                return OperationResult.Denied($"denied: approver {approver} is no longer admitted by {eligible.Describe()}; nothing was run");
            }
        }

        return null;
    }

    private sealed record ApprovalAsk(string? Reason, bool ByPolicy, string Hash, bool Production, int Count, ApproverSet? Eligible);

    private async ValueTask<OperationResult> RequestApprovalAsync(TMessage message, ApprovalAsk ask, CancellationToken cancellationToken)
    {
        var (reason, byPolicy, hash, production, count, eligible) = ask;
        var facts = new List<ResultField>();
        foreach (var source in details)
        {
            switch (await source.DescribeAsync(message, cancellationToken))
            {
                case { Missing: { } missing }:
                    return OperationResult.Failure($"{missing}; no approval was requested and nothing was changed");
                case { Fact: { } fact }:
                    facts.Add(fact);
                    break;
            }
        }

        var ctx = message.Context;
        var o = options.CurrentValue;
        var now = clock.GetUtcNow();
        var approval = new PendingApproval(
            ctx.CorrelationId, hash, message.Command.Canonical, message.Command.Raw,
            ctx.Platform, ctx.UserId, ctx.UserName, ctx.ChannelId, ctx.ThreadId, ctx.CorrelationId,
            message.RequiredRole, message.Scope.Target, message.Scope.Namespace,
            now, now + o.ExpiresAfter, count, ApprovalStatus.Pending, [], Eligible: eligible);
        await store.CreateAsync(approval, cancellationToken);

        var role = RolePolicy.Describe(message.RequiredRole);
        var approvers = count == 1 ? "another person" : $"{count} other people";
        var from = eligible is null ? string.Empty : $", as {eligible.Describe()} says,";
        var why = byPolicy ? $"is held by policy ({reason})" : reason is not null ? $"is dangerous ({reason})" : message.IsDangerous ? "is dangerous" : "is configured to need approval";
        var where = production ? "production target" : "target";
        var text = $"`{message.Command.Canonical}` {why} on {where} {message.Scope} and needs approval by " +
            $"{approvers}{from} holding {role} there. Request {approval.Id} expires at {ApprovalText.Time(approval.ExpiresAt)}.\n" +
            $"Approve with `approve {approval.Id}` or deny with `deny {approval.Id} [reason]`.";
        foreach (var fact in facts)
        {
            text += $"\n{fact.Name}: {fact.Value}";
        }

        return new OperationResult(Outcome.AwaitingApproval, text)
        {
            Title = "Approval needed",
            Visibility = Visibility.InChannel,
            Reference = approval.Id,
            Fields =
            [
                new("Requested by", ctx.UserName),
                new("Target", message.Scope.ToString()),
                new("Needs", $"{count} × {role}"),
                .. eligible is null ? Array.Empty<ResultField>() : [new ResultField("Approvers", eligible.Describe())],
                new("Expires", ApprovalText.Time(approval.ExpiresAt)),
                .. facts,
            ],
            Buttons =
            [
                new("Approve", $"approve {approval.Id}", ButtonStyle.Primary, $"Run `{message.Command.Canonical}` on {message.Scope}?"),
                new("Deny", $"deny {approval.Id}", ButtonStyle.Danger),
            ],
        };
    }
}
