using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// An approver of <c>db kill pid@tag</c> sees whose session that tag is right now (user, application, client, query
/// start, masked query), so the approval is not given blind; a pid that is not running, or that now belongs to another
/// session, is refused before anyone is asked.
/// </summary>
public sealed class KillApprovalDetails(IDatabaseOperations databases, ISecretRedactor redactor) : ApprovalDetails<KillSessionCommand>(FieldName)
{
    public const string FieldName = "Session";

    protected override async Task<ApprovalDetail?> ReadAsync(KillSessionCommand kill, CancellationToken cancellationToken)
    {
        if (kill is not { Database: { } db, Tag: { } tag })
        {
            return null;
        }

        var lookup = await databases.FindSessionsAsync(db, [tag.Pid], cancellationToken);
        if (lookup.Sessions.FirstOrDefault(s => s.Pid == tag.Pid) is not { } session)
        {
            return ApprovalDetail.NotFound($"no session with pid {tag.Pid} is running on {db}");
        }

        // The tag binds the request to one session; a reused pid is another session, which the handler would refuse.
        return tag.Matches(session)
            ? ApprovalDetail.Show(FieldName,
                $"{tag}: {SessionText.Identity(session)}, {session.State ?? "?"} for {SessionText.Duration(session.Duration)}: " +
                QueryText.ForChat(redactor, session.Query, 60))
            : ApprovalDetail.NotFound($"pid {tag.Pid} on {db} now belongs to another session ({session.Tag}), not {tag}");
    }
}
