using Mediator;

namespace ChatOps.Bot.Operations.Databases;

/// <summary>
/// One pid: look it up, apply the safety rules, signal it bound to the backend and query start just seen (so a
/// pid reused in between is not hit), then say whether the query or session really ended.
/// </summary>
public sealed class KillSessionHandler(IDatabaseOperations databases, IDatabaseTargets targets) : IRequestHandler<KillSessionCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(KillSessionCommand request, CancellationToken cancellationToken)
    {
        var db = request.Database!;
        try
        {
            var lookup = await databases.FindSessionsAsync(db, [request.Pid], cancellationToken);
            var session = lookup.Sessions.FirstOrDefault(s => s.Pid == request.Pid);
            if (session is null)
            {
                return OperationResult.Failure($"no session with pid {request.Pid} is running on {db}; nothing was signalled");
            }

            if (SessionGuard.Refusal(session, db, lookup.Bot, targets.ProtectedUsers(db), request.Signal) is { } refusal)
            {
                return OperationResult.Denied($"refused: {refusal}; nothing was signalled");
            }

            var result = (await databases.SignalAsync(db, [session.Key!], request.Signal, cancellationToken))[0];
            return Answer(request, db, session, result);
        }
        catch (DatabaseUnavailableException ex)
        {
            return OperationResult.Failure(ex.Message);
        }
    }

    private static OperationResult Answer(KillSessionCommand request, string db, DbSession session, SignalResult result)
    {
        var who = SessionText.Describe(session);
        var terminate = request.Terminate;
        var (outcome, text, status) = result.Outcome switch
        {
            SignalOutcome.Ended when terminate => (Outcome.Succeeded, $"terminated {who} on {db}: the session has ended", "terminated"),
            SignalOutcome.Ended => (Outcome.Succeeded, $"cancelled the query of {who} on {db}; the session lives on", "cancelled"),
            SignalOutcome.StillRunning => (Outcome.Failed,
                $"signalled {who} on {db} ({SessionText.Verb(request.Signal)}), but it is still running after the wait" +
                (terminate ? "; check again with `db queries`" : $"; `db kill {request.Pid} --terminate` ends the session"), "still running"),
            SignalOutcome.AlreadyGone => (Outcome.Succeeded,
                $"pid {request.Pid} ended or moved on to another query before it was signalled; nothing was signalled", "already gone"),
            _ => (Outcome.Failed, $"PostgreSQL refused to {SessionText.Verb(request.Signal)} pid {request.Pid}: {result.Detail} " +
                "(the bot's role needs pg_signal_backend; see manifests/postgres-bot-role.sql)", "refused by PostgreSQL"),
        };
        var table = new ResultTable(["pid", "user", "state", "duration", "query", "result"],
            [[session.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), session.User, session.State ?? "?",
              SessionText.Duration(session.Duration), QueryText.ForChat(session.Query), status]]);
        return new OperationResult(outcome, text) { Visibility = Visibility.InChannel, Tables = [table], Title = $"db kill on {db}" };
    }
}
