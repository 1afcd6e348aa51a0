namespace ChatOps.Bot.Features.Approvals;

/// <summary>
/// An approval card's buttons go once the request is no longer pending: a vote may still be missing after an
/// <c>approve</c>, and a gone approval has nothing left to decide. Every other button stays.
/// </summary>
public sealed class ApprovalCardDecisions(IApprovalStore approvals) : ICardDecisions
{
    public async Task<bool> IsSettledAsync(string command, CancellationToken cancellationToken)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is not ["approve" or "deny", var id, ..])
        {
            return false;
        }

        var approval = await approvals.GetAsync(id, cancellationToken);
        return approval is null || approval.Status != ApprovalStatus.Pending;
    }
}
