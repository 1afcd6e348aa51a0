namespace ChatOps.Bot.Features.Audit;

/// <summary><c>audit</c> and <c>audit verify</c>: reading the audit log and checking its hash chain.</summary>
public sealed class AuditGrammar : IGrammar
{
    public void Register(CommandRegistry registry) => registry
        .Add(Show())
        .Add(Verify());

    private static CommandSpec Show() => new(["audit"], "Show recent audit records, newest first.",
        a => new ShowAuditQuery(a.Context, a.Command, a.Int32("last") ?? 10, a.Text("user"), a.Duration("since")))
    {
        Flags =
        [
            ArgSpec.Flag("last", ArgKind.Integer, "how many records (1-200, default 10)", "n") with { Min = 1, Max = 200 },
            ArgSpec.Flag("user", ArgKind.Text, "only this user's records (user id)", "u"),
            ArgSpec.Flag("since", ArgKind.Duration, "only records newer than this (90s, 5m, 1h, 2d)", "dur"),
        ],
        Role = Role.Viewer,
        Examples = ["audit --last 5", "audit --user U024BE7LH --since 1h"],
    };

    private static CommandSpec Verify() => new(["audit", "verify"], "Check the audit hash chain and name every broken record.",
        a => new VerifyAuditQuery(a.Context, a.Command, a.Text("against")))
    {
        Flags =
        [
            ArgSpec.Flag("against", ArgKind.Text, "a head posted earlier: that record must still exist with that hash", "seq:hash"),
        ],
        Role = Role.Admin,
        Examples = ["audit verify", "audit verify --against 1234:9f2c41d07b3e"],
    };
}
