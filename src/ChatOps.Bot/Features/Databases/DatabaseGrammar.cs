namespace ChatOps.Bot.Features.Databases;

/// <summary>PostgreSQL sessions: the runbooks' pg_stat_activity, pg_cancel_backend and pg_terminate_backend.</summary>
public sealed class DatabaseGrammar(DatabaseTargetRule targets) : IGrammar
{
    private static ArgSpec Db => ArgSpec.Flag("db", ArgKind.Name, "a configured database (optional when only one is configured)", "d");

    private static ArgSpec Only => ArgSpec.Flag(
        "only", ArgKind.Text, "filled in by the bot: the exact sessions of the snapshot (pid@backend_start@query_start,...)", "sessions");

    public void Register(CommandRegistry registry) => registry
        .Add(Queries())
        .Add(Kill())
        .Add(KillIdle());

    private static ArgSpec State(string description) => ArgSpec.Flag("state", ArgKind.Choice, description) with { Choices = SessionStates.Choices };

    private string? Database(CommandArgs a) => targets.Resolve(a.Text("db"));

    private CommandSpec Queries() => new(["db", "queries"], "List client sessions of a database from pg_stat_activity, longest first.",
        a => new ListSessionsQuery(a.Context, a.Command, Database(a), a.Text("state") ?? SessionStates.Active,
            a.Duration("longer-than"), a.Int32("limit") ?? 20))
    {
        Flags =
        [
            Db,
            ArgSpec.Flag("longer-than", ArgKind.Duration, "only sessions whose duration is at least this (90s, 5m, 1h)", "dur"),
            State("which sessions (default active)"),
            ArgSpec.Flag("limit", ArgKind.Integer, "how many rows (1-100, default 20)", "n") with { Min = 1, Max = 100 },
        ],
        Role = Role.Viewer,
        Examples = ["db queries", "db queries --db coredb --longer-than 5m", "db queries --state idle-in-transaction"],
    };

    private CommandSpec Kill() => new(["db", "kill"], "Cancel a query (or with --terminate end the session); with --longer-than, in bulk.",
        a => a.Text("session") is { } session
            ? Single(a, session)
            : new KillSessionsCommand(a.Context, a.Command, Database(a), a.Duration("longer-than"),
                a.Text("state") ?? SessionStates.Active, a.Switch("terminate"), a.Text("only"))
            {
                Approval = a.Approval,
            })
    {
        Positionals =
        [
            ArgSpec.Positional("session", ArgKind.Text,
                "the session as `db queries` shows it (pid@tag); a bare pid only shows who has it now and the command to run",
                required: false) with { ValueName = "pid@tag" },
        ],
        Flags =
        [
            Db,
            ArgSpec.Flag("terminate", ArgKind.Switch, "end the session (pg_terminate_backend) instead of cancelling its query"),
            ArgSpec.Flag("longer-than", ArgKind.Duration, "bulk: every session whose duration is at least this (30s or more)", "dur"),
            State("bulk: which sessions (default active)"),
            Only,
        ],
        RoleNote = "operator to cancel one query; admin to terminate, and for bulk kills (approval needed in production)",
        Mutating = true,
        MayNeedApproval = true,
        Examples = ["db kill 4242@k3f9a", "db kill 4242@k3f9a --terminate --db coredb", "db kill --longer-than 5m --db coredb"],
    };

    /// <summary>A bare pid only prompts (it signals nothing); anything else must be a pid@tag, which the validator checks.</summary>
    private IOperation Single(CommandArgs a, string session)
    {
        var bulkFlag = new[] { "longer-than", "state", "only" }.FirstOrDefault(a.Has);
        var db = Database(a);
        return SessionTag.TryParsePid(session, out var pid)
            ? new KillSessionPromptQuery(a.Context, a.Command, db, pid, a.Switch("terminate")) { BulkFlag = bulkFlag }
            : new KillSessionCommand(a.Context, a.Command, db, session, a.Switch("terminate")) { BulkFlag = bulkFlag, Approval = a.Approval };
    }

    private CommandSpec KillIdle() => new(["db", "kill-idle"], "Terminate sessions idle for longer than a threshold.",
        a => new KillIdleSessionsCommand(a.Context, a.Command, Database(a), a.Duration("idle-for"), a.Text("only"))
        {
            Approval = a.Approval,
        })
    {
        Flags =
        [
            ArgSpec.Flag("idle-for", ArgKind.Duration, "sessions idle (state_change) at least this long (30s or more)", "dur"),
            Db,
            Only,
        ],
        Role = Role.Admin,
        RoleNote = "admin (approval needed in production)",
        Mutating = true,
        MayNeedApproval = true,
        Examples = ["db kill-idle --idle-for 1h --db coredb"],
    };
}
