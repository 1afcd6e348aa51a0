using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Databases;

namespace ChatOps.Tests.Features.Databases;

public sealed class BulkKillTests
{
    [Fact]
    public async Task Bulk_OutsideProduction_SignalsExactlyTheMatchingSessions_AndListsEachPid()
    {
        await using var bot = DbBots.Create();
        var old1 = bot.Databases.Add(11, TimeSpan.FromMinutes(9));
        var old2 = bot.Databases.Add(12, TimeSpan.FromMinutes(6));
        bot.Databases.Add(13, TimeSpan.FromMinutes(1));
        bot.Databases.Add(14, TimeSpan.FromMinutes(30), state: "idle");

        var result = await bot.RunAsync("alice", "db kill --longer-than 5m");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Visibility.ShouldBe(Visibility.InChannel);
        result.Text.ShouldStartWith("db kill on coredb (active, 5m or longer): 2 cancelled");
        result.Tables[0].Rows.Select(r => (r[0], r[3])).ShouldBe([("11", "cancelled"), ("12", "cancelled")]);
        bot.Databases.Signals.Select(s => s.Key).ShouldBe([old1.Key!, old2.Key!]);
    }

    [Fact]
    public async Task Bulk_IsAuditedAsTheTypedRequest_AndAsTheBoundSnapshot()
    {
        await using var bot = DbBots.Create();
        var session = bot.Databases.Add(11, TimeSpan.FromMinutes(9));

        var context = bot.Context("alice");
        await bot.Dispatcher.DispatchAsync("db kill --longer-than 5m --terminate", context, CancellationToken.None);

        var records = bot.Store.Entries.Select(e => e.Record).Where(r => r.Outcome != AuditOutcome.Started).ToList();
        records.Select(r => (r.RequestId, r.ParsedRequest)).ShouldBe(
        [
            ($"{context.CorrelationId}.snap", $"db kill --db=coredb --terminate --longer-than=5m --state=active --only={session.Key}"),
            (context.CorrelationId, "db kill --terminate --longer-than=5m"),
        ]);
    }

    [Fact]
    public async Task Bulk_LeavesOutUnsafeSessions_AndSaysWhy()
    {
        await using var bot = DbBots.Create(false, false, "replicator");
        bot.Databases.Add(11, TimeSpan.FromMinutes(9), user: "replicator");
        bot.Databases.Add(12, TimeSpan.FromMinutes(9), user: "postgres", change: s => s with { IsSuperuser = true });
        var ok = bot.Databases.Add(13, TimeSpan.FromMinutes(9));

        var result = await bot.RunAsync("alice", "db kill --longer-than 5m --terminate");

        bot.Databases.Signals.Select(s => s.Key).ShouldBe([ok.Key!]);
        result.Text.ShouldContain("not included: pid 11 belongs to protected user 'replicator'");
        result.Text.ShouldContain("not included: pid 12 is a superuser session ('postgres')");
    }

    [Fact]
    public async Task Bulk_WithNothingToDo_SaysSo()
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(13, TimeSpan.FromMinutes(1));

        var result = await bot.RunAsync("alice", "db kill --longer-than 5m");

        result.Text.ShouldBe("no sessions on coredb to cancel (active, 5m or longer); nothing was signalled");
        bot.Databases.Signals.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("db kill --longer-than 29s", "--longer-than 29s is below the 30s minimum for bulk kills; kill single sessions with `db kill <pid>`")]
    [InlineData("db kill --longer-than 5m --state idle", "--state idle has no running query to cancel: add --terminate to end those sessions")]
    [InlineData("db kill --longer-than 5m --state all", "--state all has no running query to cancel: add --terminate to end those sessions")]
    [InlineData("db kill --longer-than 5m --only 12", "--only is filled in by the bot: at most 50 distinct pid@backend_start@query_start entries, comma-separated")]
    [InlineData("db kill-idle", "--idle-for <dur> is required, e.g. --idle-for 1h")]
    [InlineData("db kill-idle --idle-for 10s", "--idle-for 10s is below the 30s minimum for bulk kills; kill single sessions with `db kill <pid>`")]
    [InlineData("db kill-idle --idle-for 5", "--idle-for must be a duration like 90s, 5m, 1h or 1h30m, not '5'")]
    public async Task Bulk_BadInput_IsRefused(string text, string error)
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(13, TimeSpan.FromHours(1), state: "idle");

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.Split('\n')[0].ShouldBe(error);
        bot.Databases.Signals.ShouldBeEmpty();
    }

    [Fact]
    public async Task Bulk_NeedsAdmin()
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(11, TimeSpan.FromMinutes(9));

        var result = await bot.RunAsync("oscar", "db kill --longer-than 5m");

        result.Text.ShouldBe("denied: `db kill` needs admin on coredb; console:oscar has operator there");
        bot.Databases.Signals.ShouldBeEmpty();
    }

    [Fact]
    public async Task KillIdle_TerminatesIdleSessionsOlderThanTheThreshold()
    {
        await using var bot = DbBots.Create();
        var idle = bot.Databases.Add(21, TimeSpan.FromHours(2), state: "idle");
        bot.Databases.Add(22, TimeSpan.FromMinutes(5), state: "idle");
        bot.Databases.Add(23, TimeSpan.FromHours(3), state: "idle in transaction");
        bot.Databases.Add(24, TimeSpan.FromHours(3));

        var result = await bot.RunAsync("alice", "db kill-idle --idle-for 1h");

        result.Text.ShouldStartWith("db kill-idle on coredb (idle, 1h or longer): 1 terminated");
        bot.Databases.Signals.ShouldHaveSingleItem().ShouldBe(("coredb", idle.Key!, SessionSignal.Terminate));
        bot.Databases.Sessions.Select(s => s.Pid).Order().ShouldBe([22, 23, 24]);
    }

    [Fact]
    public async Task Production_Bulk_WaitsForApproval_ListingTheExactSessions_AndSignalsNothing()
    {
        await using var bot = DbBots.Create(production: true);
        var a = bot.Databases.Add(11, TimeSpan.FromMinutes(9));
        var b = bot.Databases.Add(12, TimeSpan.FromMinutes(6), query: "ALTER ROLE app PASSWORD 'hunter2'");

        var result = await bot.RunAsync("alice", "db kill --longer-than 5m --terminate");

        result.Outcome.ShouldBe(Outcome.AwaitingApproval);
        bot.Databases.Signals.ShouldBeEmpty();
        var approval = (await bot.Store.GetAsync(result.Reference!, CancellationToken.None))!;
        approval.CanonicalCommand.ShouldBe($"db kill --db=coredb --terminate --longer-than=5m --state=active --only={a.Key},{b.Key}");
        approval.RequiredRole.ShouldBe(Role.Admin);
        approval.Target.ShouldBe("coredb");
        var snapshot = result.Tables[^1];
        snapshot.Rows.Select(r => r[0].Split('@')[0]).ShouldBe(["11", "12"]);
        snapshot.Caption.ShouldBe("snapshot: the 2 session(s) `db kill` will terminate when approved, each only if it still runs the same query");
        result.Text.ShouldContain($"approve {approval.Id}");
        result.Text.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task Production_Approved_SignalsOnlySnapshotSessionsThatStillRunTheSameQuery()
    {
        await using var bot = DbBots.Create(production: true);
        var kept = bot.Databases.Add(11, TimeSpan.FromMinutes(9));
        bot.Databases.Add(12, TimeSpan.FromMinutes(8));
        bot.Databases.Add(13, TimeSpan.FromMinutes(7));
        bot.Databases.Add(14, TimeSpan.FromMinutes(6));
        var request = await bot.RunAsync("alice", "db kill --longer-than 5m --terminate");

        // Before approval: 12 ends and its pid is reused by a new, equally old-looking session; 13 finishes its query
        // and starts another; 14 ends; and a new long query (15) appears that the snapshot never saw.
        bot.Databases.Add(12, TimeSpan.FromMinutes(20), user: "newcomer");
        var moved = bot.Databases.Sessions.Single(s => s.Pid == 13);
        bot.Databases.Remove(13);
        bot.Databases.Add(13, TimeSpan.FromMinutes(10), change: s => s with { BackendStart = moved.BackendStart, QueryStart = moved.QueryStart!.Value.AddMinutes(1) });
        bot.Databases.Remove(14);
        bot.Databases.Add(15, TimeSpan.FromMinutes(30));

        var result = await bot.RunAsync("bob", $"approve {request.Reference}");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldStartWith($"{request.Reference} approved by console:bob; ran `db kill --db=coredb");
        bot.Databases.Signals.Select(s => s.Key).ShouldBe([kept.Key!]);
        result.Tables[0].Rows.Select(r => (r[0], r[3])).ShouldBe(
        [
            ("11", "terminated"),
            ("12", "already gone: the pid now belongs to a new session, not touched"),
            ("13", "already gone: its query ended and the session runs another one, not touched"),
            ("14", "already gone"),
        ]);
        bot.Databases.Sessions.Select(s => s.Pid).Order().ShouldBe([12, 13, 15]);
        (await bot.Store.GetAsync(request.Reference!, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Executed);
    }

    [Fact]
    public async Task Production_Approved_RechecksSafetyRules_AtExecution()
    {
        await using var bot = DbBots.Create(production: true);
        bot.Databases.Add(11, TimeSpan.FromMinutes(9));
        var request = await bot.RunAsync("alice", "db kill --longer-than 5m --terminate");
        bot.Reconfigure("ChatOps:Databases:coredb:ProtectedUsers:0", "app");

        var result = await bot.RunAsync("bob", $"approve {request.Reference}");

        bot.Databases.Signals.ShouldBeEmpty();
        result.Tables[0].Rows[0][3].ShouldStartWith("refused: pid 11 belongs to protected user 'app'");
    }

    [Fact]
    public async Task Production_SelfApproval_IsRefused()
    {
        await using var bot = DbBots.Create(production: true);
        bot.Databases.Add(11, TimeSpan.FromMinutes(9));
        var request = await bot.RunAsync("alice", "db kill-idle --idle-for 1h");
        request.Outcome.ShouldBe(Outcome.Succeeded, "nothing idle: no approval needed");
        bot.Databases.Add(21, TimeSpan.FromHours(2), state: "idle");
        var idle = await bot.RunAsync("alice", "db kill-idle --idle-for 1h");

        var self = await bot.RunAsync("alice", $"approve {idle.Reference}");

        idle.Outcome.ShouldBe(Outcome.AwaitingApproval);
        self.Outcome.ShouldBe(Outcome.Denied);
        bot.Databases.Signals.ShouldBeEmpty();
    }

    [Fact]
    public async Task HandTypedOnly_CannotReachSessionsOutsideTheFiltersOrTheSafetyRules()
    {
        await using var bot = DbBots.Create(false, false, "replicator");
        var young = bot.Databases.Add(11, TimeSpan.FromSeconds(40));
        var guarded = bot.Databases.Add(12, TimeSpan.FromMinutes(9), user: "replicator");
        var own = bot.Databases.Add(13, TimeSpan.FromMinutes(9), change: s => s with { IsBot = true });

        var result = await bot.RunAsync("alice", $"db kill --longer-than 5m --terminate --only {young.Key},{guarded.Key},{own.Key}");

        bot.Databases.Signals.ShouldBeEmpty();
        result.Tables[0].Rows.Select(r => r[3]).ShouldBe(
        [
            "not touched: no longer matches (now active for 40s)",
            "refused: pid 12 belongs to protected user 'replicator' (ChatOps:Databases:coredb:ProtectedUsers)",
            "refused: pid 13 is the bot's own connection",
        ]);
    }

    [Fact]
    public async Task HandTypedOnly_InProduction_NeedsApprovalLikeAnyBoundRequest()
    {
        await using var bot = DbBots.Create(production: true);
        var session = bot.Databases.Add(11, TimeSpan.FromMinutes(9));

        var result = await bot.RunAsync("alice", $"db kill --longer-than 5m --terminate --only {session.Key}");

        result.Outcome.ShouldBe(Outcome.AwaitingApproval);
        bot.Databases.Signals.ShouldBeEmpty();
    }
}
