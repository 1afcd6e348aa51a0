namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// The policy decision for a waiting request now, against the one its approval bound: a vote counts only while they are
/// the same, so nobody adds to a quorum the rules no longer ask for. The approved run is checked once more in the pipeline.
/// </summary>
public sealed class PolicyApprovalRecheck(PolicyEvaluator evaluator) : IApprovalRecheck
{
    public async ValueTask<string?> ChangedAsync(PendingApproval approval, IDangerous request, CancellationToken cancellationToken)
    {
        var decision = await evaluator.EvaluateAsync(request, cancellationToken);
        if (decision.Refusal is { } refusal)
        {
            return $"{refusal} (policy changed while {approval.Id} waited; the vote was not counted)";
        }

        return string.Equals(ApprovalHash.Of(approval.CanonicalCommand, decision.Binding), approval.RequestHash, StringComparison.Ordinal)
            ? null
            : $"refused: the policy rules for {approval.Id} changed while it waited (now: {decision.ApprovalReason ?? "no rule asks for approval"}); " +
              $"the vote was not counted and nothing was run. {approval.RequesterName} must ask again (`policy test` shows the rules now)";
    }
}
