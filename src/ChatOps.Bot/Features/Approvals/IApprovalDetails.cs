namespace ChatOps.Bot.Features.Approvals;

/// <summary>
/// Resolves the target of a dangerous request before anyone is asked to approve it, and gives the facts an approver
/// needs that the command line does not show (a queue's depth before a purge). A source that does not know the request
/// answers null. Must not throw: a failure to read the facts (the broker is unreachable for a moment) is answered with
/// an explicit "unknown" fact and the approval is still requested, because the handler resolves the target again when
/// it runs and refuses then, and an outage is exactly when an urgent change must not be blocked by the preview. Only a
/// target the server says does not exist is answered with <see cref="ApprovalDetail.NotFound"/>: then no approval is
/// requested at all, since approvers' time is the scarcest thing during an incident.
/// </summary>
public interface IApprovalDetails
{
    ValueTask<ApprovalDetail?> DescribeAsync(IDangerous request, CancellationToken cancellationToken);
}

/// <summary>Either a fact for the approver (<see cref="Fact"/>) or why the target does not exist (<see cref="Missing"/>).</summary>
public sealed record ApprovalDetail(ResultField? Fact, string? Missing)
{
    public static ApprovalDetail Show(ResultField fact) => new(fact, null);

    /// <summary>A fact shown on its own line of the approval card.</summary>
    public static ApprovalDetail Show(string field, string value) => Show(new ResultField(field, value, Short: false));

    /// <summary>The facts could not be read now; the approval is still requested, saying why the fact is missing.</summary>
    public static ApprovalDetail Unknown(string field, PortFailure failure) => Show(field, $"unknown: {failure.Message}");

    /// <summary>The target does not exist: one line saying so, without "nothing was changed" (the caller adds that).</summary>
    public static ApprovalDetail NotFound(string why) => new(null, why);
}
