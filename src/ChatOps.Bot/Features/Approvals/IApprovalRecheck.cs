namespace ChatOps.Bot.Features.Approvals;

/// <summary>
/// Judges a pending approval's request again before a vote counts: whatever held it (policy rules, their count and
/// approvers) must still be what the approval bound. Answers the one line saying what changed, or null when nothing did.
/// </summary>
public interface IApprovalRecheck
{
    ValueTask<string?> ChangedAsync(PendingApproval approval, IDangerous request, CancellationToken cancellationToken);
}
