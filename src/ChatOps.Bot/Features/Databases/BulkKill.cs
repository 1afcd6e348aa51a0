using ChatOps.Bot.Core.Redaction;

namespace ChatOps.Bot.Features.Databases;

/// <summary>
/// The two halves of a bulk kill (docs/decisions/0004). Unbound: take a snapshot of the matching sessions and send
/// the command again through the whole pipeline with <c>--only</c> naming them, so the approval (in production)
/// covers exactly those sessions. Bound: signal only the named sessions that still run the same query, still match
/// the command's filters and still pass every safety rule.
/// </summary>
public sealed class BulkKill(
    IDatabaseOperations databases,
    IDatabaseTargets targets,
    SessionSnapshot snapshots,
    CommandParser parser,
    IOperationRunner runner,
    ISecretRedactor redactor,
    TimeProvider clock)
{
    /// <summary>Suffix of the bound request's id: <c>r-k3x9m2p7qa.snap</c> ties it to the request that took the snapshot.</summary>
    public const string BoundSuffix = ".snap";

    public ValueTask<OperationResult> RunAsync(IBulkKill request, CancellationToken cancellationToken) => request.Only is null
        ? SnapshotAsync(request, request.Database!, cancellationToken)
        : ExecuteAsync(request, request.Database!, cancellationToken);

    private async ValueTask<OperationResult> SnapshotAsync(IBulkKill request, string db, CancellationToken cancellationToken)
    {
        var selection = await snapshots.SelectAsync(request, db, cancellationToken);
        var chosen = selection.Chosen;
        var notes = Notes(selection.Excluded, selection.BeyondLimit);
        if (chosen.Count == 0)
        {
            return OperationResult.Success($"no sessions on {db} to {SessionText.Verb(request.Signal)} ({Criteria(request)}); nothing was signalled{notes}");
        }

        var bound = request.Bind(db, SessionKeys.Format(chosen.Select(s => s.Key!)));
        var context = request.Context with { CorrelationId = request.Context.CorrelationId + BoundSuffix, ReceivedAt = clock.GetUtcNow() };
        var parsed = parser.Parse(bound, context);
        if (parsed.Operation is null)
        {
            return OperationResult.Failure($"could not bind the snapshot to a command ({parsed.Error}); nothing was signalled");
        }

        var result = await runner.RunAsync(parsed.Operation, cancellationToken);
        if (result.Outcome != Outcome.AwaitingApproval)
        {
            return result with { Text = result.Text + notes, Summary = result.Summary is null ? null : result.Summary + notes };
        }

        // The approval binds to the command line, which names the sessions; this table is the same list made readable.
        var snapshot = new ResultTable(SessionText.Columns, chosen.Select(s => SessionText.Row(s, redactor)).ToList(),
            $"snapshot: the {chosen.Count} session(s) `{parsed.Operation.Command.Name}` will {SessionText.Verb(request.Signal)} when approved, " +
            "each only if it still runs the same query");
        return result with
        {
            Text = $"{result.Text}\n{snapshot.Caption}:\n{TextTable.Render(snapshot)}{notes}",
            Summary = result.RichText + notes,
            Tables = [.. result.Tables, snapshot],
        };
    }

    private async ValueTask<OperationResult> ExecuteAsync(IBulkKill request, string db, CancellationToken cancellationToken)
    {
        SessionKeys.TryParse(request.Only, out var keys);
        var lookup = await databases.FindSessionsAsync(db, keys.Select(k => k.Pid).ToList(), cancellationToken);
        var protectedUsers = targets.ProtectedUsers(db);
        var rows = new Dictionary<int, (DbSession? Session, string Result)>();
        var toSignal = new List<SessionKey>();
        foreach (var key in keys)
        {
            var session = lookup.Sessions.FirstOrDefault(s => s.Pid == key.Pid);
            var skip = Skip(request, db, key, session, lookup.Bot, protectedUsers);
            rows[key.Pid] = (session, skip ?? string.Empty);
            if (skip is null)
            {
                toSignal.Add(key);
            }
        }

        var signalled = toSignal.Count == 0 ? [] : await databases.SignalAsync(db, toSignal, request.Signal, cancellationToken);
        foreach (var result in signalled)
        {
            rows[result.Session.Pid] = (rows[result.Session.Pid].Session, Describe(result, request.Signal));
        }

        var table = new ResultTable(["pid", "user", "query", "result"], keys.Select(k => (IReadOnlyList<string>)
        [
            k.Pid.ToString(CultureInfo.InvariantCulture),
            rows[k.Pid].Session is { } s && k.Matches(s) ? SessionText.Short(s.User, 24) : "-",
            rows[k.Pid].Session is { } q && k.Matches(q) ? QueryText.ForChat(redactor, q.Query, 60) : "-",
            rows[k.Pid].Result,
        ]).ToList());
        var summary = string.Join(", ", rows.Values.GroupBy(r => r.Result.Split(':')[0]).Select(g => $"{g.Count()} {g.Key}"));
        var refusedByServer = signalled.Any(r => r.Outcome == SignalOutcome.PermissionDenied);
        var outcome = refusedByServer && signalled.All(r => r.Outcome != SignalOutcome.Ended) ? Outcome.Failed : Outcome.Succeeded;
        var head = $"{request.Command.Name} on {db} ({Criteria(request)}): {summary}";
        return new OperationResult(outcome, $"{head}\n{TextTable.Render(table)}")
        {
            Summary = head,
            Title = $"{request.Command.Name} on {db}",
            Visibility = Visibility.InChannel,
            Tables = [table],
        };
    }

    /// <summary>Why a snapshot session is not signalled now, or null when it still qualifies.</summary>
    private static string? Skip(IBulkKill request, string db, SessionKey key, DbSession? session, DatabaseRole bot, IReadOnlyList<string> protectedUsers)
    {
        if (session is null)
        {
            return "already gone";
        }

        if (session.BackendStart != key.BackendStart)
        {
            return "already gone: the pid now belongs to a new session, not touched";
        }

        if (!key.Matches(session))
        {
            return "already gone: its query ended and the session runs another one, not touched";
        }

        if (!SessionStates.Includes(request.StateChoice, session.State) || !(session.Duration >= request.Threshold))
        {
            return $"not touched: no longer matches (now {session.State ?? "?"} for {SessionText.Duration(session.Duration)})";
        }

        return SessionGuard.Refusal(session, db, bot, protectedUsers, request.Signal) is { } refusal ? $"refused: {refusal}" : null;
    }

    private static string Describe(SignalResult result, SessionSignal signal) => result.Outcome switch
    {
        SignalOutcome.Ended => signal == SessionSignal.Terminate ? "terminated" : "cancelled",
        SignalOutcome.StillRunning => "signalled: still running after the wait",
        SignalOutcome.AlreadyGone => "already gone",
        _ => $"refused by PostgreSQL: {result.Detail}",
    };

    private static string Criteria(IBulkKill request) =>
        $"{request.StateChoice}, {SessionText.Duration(request.Threshold)} or longer";

    private static string Notes(IReadOnlyList<string> excluded, int beyondLimit)
    {
        var notes = excluded.Select(e => $"\nnot included: {e}").ToList();
        if (beyondLimit > 0)
        {
            notes.Add($"\n{beyondLimit} more matching session(s) are beyond the {SessionKeys.MaxSessions}-session limit of one bulk kill; run it again afterwards");
        }

        return string.Concat(notes);
    }
}
