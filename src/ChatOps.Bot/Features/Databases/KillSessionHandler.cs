using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// One session by its tag: refuse when the pid now belongs to another session than the one tagged, apply the
/// safety rules, then signal it bound to the backend start just seen (the server re-checks pid, backend start and
/// query start in the signalling statement, so a pid reused in between is not hit) and say whether it ended.
/// </summary>
public sealed class KillSessionHandler(IDatabaseOperations databases, IDatabaseTargets targets, ISecretRedactor redactor)
    : IRequestHandler<KillSessionCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(KillSessionCommand request, CancellationToken cancellationToken)
    {
        var db = request.Database!;
        var tag = request.Tag!;
        var (session, refusal) = await SinglePid.FindAsync(databases, targets, db, tag.Pid, request.Signal, cancellationToken);
        if (session is null)
        {
            return refusal!;
        }

        if (!tag.Matches(session))
        {
            return OperationResult.Denied(
                $"refused: pid {tag.Pid} is no longer the session {tag} you saw; it now belongs to session {session.Tag} " +
                $"({SessionText.Identity(session)}); nothing was signalled. Check `db queries --db {db}` again");
        }

        var result = (await databases.SignalAsync(db, [session.Key!], request.Signal, cancellationToken))[0];
        return Answer(request, db, session, result);
    }

    private OperationResult Answer(KillSessionCommand request, string db, DbSession session, SignalResult result)
    {
        var who = SessionText.Describe(session, redactor);
        var terminate = request.Terminate;
        var (outcome, text, status) = result.Outcome switch
        {
            SignalOutcome.Ended when terminate => (Outcome.Succeeded, $"terminated {who} on {db}: the session has ended", "terminated"),
            SignalOutcome.Ended => (Outcome.Succeeded, $"cancelled the query of {who} on {db}; the session lives on", "cancelled"),
            SignalOutcome.StillRunning => (Outcome.Failed,
                $"signalled {who} on {db} ({SessionText.Verb(request.Signal)}), but it is still running after the wait" +
                (terminate ? "; check again with `db queries`" : $"; `db kill {request.Tag} --terminate` ends the session"), "still running"),
            SignalOutcome.AlreadyGone => (Outcome.Succeeded,
                $"pid {session.Pid} ended or moved on to another query before it was signalled; nothing was signalled", "already gone"),
            _ => (Outcome.Failed, $"PostgreSQL refused to {SessionText.Verb(request.Signal)} pid {session.Pid}: {result.Detail} " +
                "(the bot's role needs pg_signal_backend; see manifests/postgres-bot-role.sql)", "refused by PostgreSQL"),
        };
        var table = new ResultTable(["session", "user", "state", "duration", "query", "result"],
            [[session.Tag?.ToString() ?? string.Empty, session.User, session.State ?? "?",
              SessionText.Duration(session.Duration), QueryText.ForChat(redactor, session.Query), status]]);
        return new OperationResult(outcome, text) { Visibility = Visibility.InChannel, Tables = [table], Title = $"db kill on {db}" };
    }
}
