namespace ChatOps.Bot.Features.Approvals;

/// <summary>
/// The part every <see cref="IApprovalDetails"/> source shares: it answers only for its own request type, and a port
/// failure while reading the facts becomes the explicit "unknown" fact of <see cref="ApprovalDetail.Unknown"/> instead
/// of an exception, as <see cref="IApprovalDetails"/> requires. A source catches the failures that mean "not found".
/// </summary>
public abstract class ApprovalDetails<TRequest>(string fieldName) : IApprovalDetails
    where TRequest : IDangerous
{
    public async ValueTask<ApprovalDetail?> DescribeAsync(IDangerous request, CancellationToken cancellationToken)
    {
        if (request is not TRequest typed)
        {
            return null;
        }

        try
        {
            return await ReadAsync(typed, cancellationToken);
        }
        catch (PortFailure ex)
        {
            // A partial answer, not a failed one: the approval is still requested, with the fact marked unknown.
            return ApprovalDetail.Unknown(fieldName, ex);
        }
    }

    /// <summary>The fact for the approver, <see cref="ApprovalDetail.NotFound"/>, or null when the request is not this source's after all.</summary>
    protected abstract Task<ApprovalDetail?> ReadAsync(TRequest request, CancellationToken cancellationToken);
}
