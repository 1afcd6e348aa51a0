namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// Which sessions a bulk kill would signal now: those matching its filters that pass every <see cref="SessionGuard"/>
/// rule. The snapshot and the policy's session count both choose through here, so the count is of what would be killed.
/// </summary>
public sealed class SessionSnapshot(IDatabaseOperations databases, IDatabaseTargets targets)
{
    public async Task<SnapshotSelection> SelectAsync(IBulkKill request, string db, CancellationToken cancellationToken)
    {
        var filter = new SessionFilter(SessionStates.ServerStates(request.StateChoice), request.Threshold, SessionKeys.MaxSessions);
        var list = await databases.ListSessionsAsync(db, filter, cancellationToken);
        var protectedUsers = targets.ProtectedUsers(db);
        var chosen = new List<DbSession>();
        var excluded = new List<string>();
        foreach (var session in list.Sessions)
        {
            if (SessionGuard.Refusal(session, db, list.Bot, protectedUsers, request.Signal) is { } refusal)
            {
                excluded.Add(refusal);
            }
            else
            {
                chosen.Add(session);
            }
        }

        return new SnapshotSelection(chosen, excluded, list.Matching - list.Sessions.Count);
    }
}

/// <param name="Chosen">The sessions it would signal.</param>
/// <param name="Excluded">Why each other matching session is left alone.</param>
/// <param name="BeyondLimit">Matching sessions beyond the most one bulk kill takes.</param>
public sealed record SnapshotSelection(IReadOnlyList<DbSession> Chosen, IReadOnlyList<string> Excluded, int BeyondLimit);
