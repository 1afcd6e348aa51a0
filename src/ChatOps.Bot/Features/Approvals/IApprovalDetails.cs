namespace ChatOps.Bot.Features.Approvals;

/// <summary>
/// Facts an approver needs that the command line does not show (a queue's depth before a purge). Asked when the
/// approval request is made; one that does not know the request answers null. Must not throw: an approval request
/// is made even when the facts cannot be read.
/// </summary>
public interface IApprovalDetails
{
    ValueTask<ResultField?> DescribeAsync(IDangerous request, CancellationToken cancellationToken);
}
