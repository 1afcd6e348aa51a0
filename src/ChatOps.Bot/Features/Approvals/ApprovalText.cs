namespace ChatOps.Bot.Features.Approvals;

internal static class ApprovalText
{
    public static TargetScope ScopeOf(PendingApproval a) => new(a.Target, a.Namespace);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The approval if it is still pending; otherwise the refusal that says why not.</summary>
    public static async Task<(PendingApproval? Pending, OperationResult? Refusal)> LoadPendingAsync(
        IApprovalStore store, string id, CancellationToken cancellationToken)
    {
        var approval = await store.GetAsync(id, cancellationToken);
        if (approval is null)
        {
            return (null, OperationResult.Denied($"there is no approval request {id}"));
        }

        return approval.Status == ApprovalStatus.Pending ? (approval, null) : (null, OperationResult.Denied(NotPending(approval)));
    }

    /// <summary>Why an approval that is not pending cannot be approved or denied any more.</summary>
    public static string NotPending(PendingApproval a) => a.Status switch
    {
        ApprovalStatus.Executing => $"{a.Id} is being executed right now",
        ApprovalStatus.Executed => $"{a.Id} was already approved by {string.Join(", ", a.Approvers)} and executed",
        ApprovalStatus.Failed => $"{a.Id} was already approved by {string.Join(", ", a.Approvers)}; it ran and failed",
        ApprovalStatus.Denied => $"{a.Id} was denied by {a.DecidedBy}{(a.Reason is { Length: > 0 } r ? $": {r}" : string.Empty)}",
        ApprovalStatus.Expired => $"{a.Id} expired at {Time(a.ExpiresAt)}; ask for it again",
        _ => $"{a.Id} is {a.Status.ToString().ToLowerInvariant()}",
    };
}
