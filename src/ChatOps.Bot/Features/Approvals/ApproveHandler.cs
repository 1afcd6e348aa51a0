namespace ChatOps.Bot.Features.Approvals;

/// <summary>
/// Second person's approval. The vote that completes the quorum wins a compare-and-set in the store and is the
/// only one that runs the request; the request is rebuilt from its canonical text, checked against the stored hash,
/// and sent through the whole pipeline again, so roles are re-checked at execution and the run is audited.
/// </summary>
public sealed class ApproveHandler(
    IApprovalStore store,
    RolePolicy policy,
    CommandParser parser,
    IOperationRunner runner,
    IApprovalRecheck recheck,
    TimeProvider clock,
    ILogger<ApproveHandler> logger) : IRequestHandler<ApproveCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(ApproveCommand request, CancellationToken cancellationToken)
    {
        var ctx = request.Context;
        var (approval, refusal) = await ApprovalText.LoadPendingAsync(store, request.Id, cancellationToken);
        if (approval is null)
        {
            return refusal!;
        }

        if (string.Equals($"{approval.Platform}:{approval.RequesterId}", ctx.Subject, StringComparison.Ordinal))
        {
            return OperationResult.Denied(
                $"you cannot approve your own request; someone else holding {RolePolicy.Describe(approval.RequiredRole)} on {ApprovalText.ScopeOf(approval)} must approve {approval.Id}");
        }

        var scope = ApprovalText.ScopeOf(approval);
        var role = await policy.RoleForAsync(ctx, scope, cancellationToken);
        if (role < approval.RequiredRole)
        {
            return OperationResult.Denied(
                $"approving {approval.Id} needs {RolePolicy.Describe(approval.RequiredRole)} on {scope}; you have {(role == Role.None ? "no role" : RolePolicy.Describe(role))} there");
        }

        if (approval.Eligible is { } eligible && !eligible.Admits(await policy.SubjectsAsync(ctx, cancellationToken), role))
        {
            return OperationResult.Denied(
                $"refused: {eligible.Describe()} says who may approve {approval.Id}, and {ctx.Subject} is not among them; the vote was not counted");
        }

        if (await PolicyChangedAsync(approval, cancellationToken) is { } changed)
        {
            return OperationResult.Denied(changed);
        }

        var vote = await store.VoteAsync(approval.Id, ctx.Subject, clock.GetUtcNow(), cancellationToken);
        return vote.Outcome switch
        {
            VoteOutcome.ReadyToExecute => await ExecuteAsync(vote.Approval!, cancellationToken),
            VoteOutcome.Recorded => OperationResult.Success(
                $"approval of {approval.Id} recorded ({vote.Approval!.Approvers.Count} of {vote.Approval.RequiredApprovers}); waiting for another approver") with
            { Visibility = Visibility.InChannel },
            VoteOutcome.AlreadyVoted => OperationResult.Denied($"you have already approved {approval.Id}; another approver is needed"),
            VoteOutcome.Expired => OperationResult.Denied($"{approval.Id} expired at {ApprovalText.Time(approval.ExpiresAt)}; ask for it again"),
            VoteOutcome.NotFound => OperationResult.Denied($"there is no approval request {request.Id}"),
            _ => OperationResult.Denied(ApprovalText.NotPending(vote.Approval ?? approval)),
        };
    }

    private async ValueTask<string?> PolicyChangedAsync(PendingApproval approval, CancellationToken cancellationToken) =>
        parser.Parse(approval.CanonicalCommand, RequesterOf(approval)).Operation is IDangerous request
            ? await recheck.ChangedAsync(approval, request, cancellationToken)
            : null;

    private ChatContext RequesterOf(PendingApproval approval) => new(
        approval.Platform, approval.RequesterId, approval.RequesterName, approval.ChannelId, approval.ThreadId,
        $"{approval.Id}.run", clock.GetUtcNow());

    private async ValueTask<OperationResult> ExecuteAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        var requester = RequesterOf(approval);
        var grant = new ApprovalGrant(approval.Id, approval.Approvers);
        var parsed = parser.Parse(approval.CanonicalCommand, requester, grant);
        if (!ApprovalHash.IsFor(approval.RequestHash, approval.CanonicalCommand)
            || parsed.Operation is null
            || !string.Equals(parsed.Operation.Command.Canonical, approval.CanonicalCommand, StringComparison.Ordinal))
        {
            logger.LogError("Approval {ApprovalId} does not rebuild to the approved request; refusing to run it", approval.Id);
            await store.CompleteAsync(approval.Id, succeeded: false, "request did not match its approval hash", CancellationToken.None);
            return OperationResult.Failure($"{approval.Id} no longer matches the request that was approved; nothing was run");
        }

        OperationResult result;
        try
        {
            result = await runner.RunAsync(parsed.Operation, cancellationToken);
        }
        catch
        {
            await store.CompleteAsync(approval.Id, succeeded: false, "internal error", CancellationToken.None);
            throw;
        }

        var firstLine = result.Text.Split('\n', 2)[0];
        await store.CompleteAsync(approval.Id, result.IsSuccess, result.IsSuccess ? null : firstLine, CancellationToken.None);
        var header = $"{approval.Id} approved by {string.Join(", ", approval.Approvers)}; ran `{approval.CanonicalCommand}` for {approval.RequesterName}:";
        return result with { Text = $"{header}\n{result.Text}", Visibility = Visibility.InChannel };
    }
}
