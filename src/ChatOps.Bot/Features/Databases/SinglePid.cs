namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// The session that holds one typed pid now, or the answer that nothing will be signalled: no such session, or
/// <see cref="SessionGuard"/> refuses it. Shared by the tagged kill and the bare-pid prompt, so both apply the same rules.
/// </summary>
public static class SinglePid
{
    public static async Task<(DbSession? Session, OperationResult? Refusal)> FindAsync(
        IDatabaseOperations databases, IDatabaseTargets targets, string db, int pid, SessionSignal signal, CancellationToken cancellationToken)
    {
        var lookup = await databases.FindSessionsAsync(db, [pid], cancellationToken);
        var session = lookup.Sessions.FirstOrDefault(s => s.Pid == pid);
        if (session is null)
        {
            return (null, OperationResult.Failure($"no session with pid {pid} is running on {db}; nothing was signalled"));
        }

        return SessionGuard.Refusal(session, db, lookup.Bot, targets.ProtectedUsers(db), signal) is { } refusal
            ? (null, OperationResult.Denied($"refused: {refusal}; nothing was signalled"))
            : (session, null);
    }
}
