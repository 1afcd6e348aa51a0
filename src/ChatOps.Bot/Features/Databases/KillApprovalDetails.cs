using ChatOps.Bot.Core.Redaction;
using ChatOps.Bot.Features.Approvals;

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// An approver of <c>db kill pid@tag</c> sees whose session that tag is right now (user, application, client, query
/// start, masked query), or that the pid already belongs to another session, so the approval is not given blind.
/// </summary>
public sealed class KillApprovalDetails(IDatabaseOperations databases, ISecretRedactor redactor) : IApprovalDetails
{
    public const string FieldName = "Session";

    public async ValueTask<ResultField?> DescribeAsync(IDangerous request, CancellationToken cancellationToken)
    {
        if (request is not KillSessionCommand { Database: { } db, Tag: { } tag })
        {
            return null;
        }

        try
        {
            var lookup = await databases.FindSessionsAsync(db, [tag.Pid], cancellationToken);
            var value = lookup.Sessions.FirstOrDefault(s => s.Pid == tag.Pid) is not { } session
                ? $"unknown: no session with pid {tag.Pid} is running on {db} now"
                : tag.Matches(session)
                    ? $"{tag}: {SessionText.Identity(session)}, {session.State ?? "?"} for {SessionText.Duration(session.Duration)}: " +
                      QueryText.ForChat(redactor, session.Query, 60)
                    : $"unknown: pid {tag.Pid} now belongs to another session ({session.Tag}); this request will be refused";
            return new ResultField(FieldName, value, Short: false);
        }
        catch (PortFailure ex)
        {
            // A partial answer, not a failed one: the approval is still requested, with the session marked unknown.
            return new ResultField(FieldName, $"unknown: {ex.Message}", Short: false);
        }
    }
}
