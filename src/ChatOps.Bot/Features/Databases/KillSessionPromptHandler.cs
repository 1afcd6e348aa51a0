using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// A bare pid: say who holds it now and hand back the tagged command, as text and as a button with a confirmation
/// naming the session. Nothing is signalled: by the time a person reads a pid it may belong to somebody else, and
/// only the tag proves which session they mean. Stateless, so it works the same on every replica.
/// </summary>
public sealed class KillSessionPromptHandler(IDatabaseOperations databases, IDatabaseTargets targets, ISecretRedactor redactor)
    : IRequestHandler<KillSessionPromptQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(KillSessionPromptQuery request, CancellationToken cancellationToken)
    {
        var db = request.Database!;
        var signal = request.Terminate ? SessionSignal.Terminate : SessionSignal.Cancel;
        var (session, refusal) = await SinglePid.FindAsync(databases, targets, db, request.Pid, signal, cancellationToken);
        if (session is null)
        {
            return refusal!;
        }

        var command = $"db kill {session.Tag} --db {db}{(request.Terminate ? " --terminate" : string.Empty)}";
        var what = request.Terminate ? "terminate this session" : "cancel this session's query";
        var who = $"pid {session.Pid} is now session {session.Tag}: {SessionText.Identity(session)}, " +
            $"{session.State ?? "?"} for {SessionText.Duration(session.Duration)}: {QueryText.ForChat(redactor, session.Query, 60)}";
        return new OperationResult(Outcome.Succeeded, $"{who}; nothing was signalled: to {what} run `{command}`")
        {
            Severity = Severity.Warning,
            Title = $"db kill on {db}: confirm the session",
            Buttons =
            [
                new ResultButton(request.Terminate ? "Terminate session" : "Cancel query", command, ButtonStyle.Danger,
                    $"{SessionText.Verb(signal)} {who}?"),
            ],
        };
    }
}
