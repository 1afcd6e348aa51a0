using System.Globalization;
using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Databases;

namespace ChatOps.IntegrationTests.Databases;

/// <summary>Bulk kills and kill-idle on real sessions at least 31 s old (see <see cref="BulkSessionsFixture"/>).</summary>
public sealed class DatabaseBulkKillTests(BulkSessionsFixture f) : IClassFixture<BulkSessionsFixture>
{
    [Fact]
    public async Task Bulk_CancelsTheLongQueries_AndLeavesYoungAndProtectedSessionsRunning()
    {
        var young = await f.Pg.RunningAsync(f.Dev, f.Pg.App);

        var result = await f.Bot.RunAsync("alice", "db kill --longer-than 30s --db bulkdev");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldStartWith("db kill on bulkdev (active, 30s or longer): 2 cancelled");
        result.Text.ShouldContain($"not included: pid {f.DevProtected.Pid} belongs to protected user '{f.Pg.Replicator}'");
        (await f.DevLong1.EndedWithAsync()).ShouldBe("57014");
        (await f.DevLong2.EndedWithAsync()).ShouldBe("57014");
        (await PgSessions.WaitForAsync(f.DevLong1.Pid, a => a?.State == "idle")).ShouldNotBeNull("cancelled, the session lives on");
        (await PgSessions.ActivityAsync(f.DevProtected.Pid))!.State.ShouldBe("active");
        (await PgSessions.ActivityAsync(young.Pid))!.State.ShouldBe("active");
    }

    [Fact]
    public async Task Production_ApprovalListsTheSnapshot_AndExecutionSignalsOnlySessionsThatStillRunTheSameQuery()
    {
        var request = await f.Bot.RunAsync("alice", "db kill --longer-than 30s --terminate --db bulkprod");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Tables[^1].Rows.Select(r => r[0].Split('@')[0]).ShouldBe([Pid(f.ProdLong1), Pid(f.ProdLong2)]);
        request.Text.ShouldContain($"--only={Pid(f.ProdLong1)}@");
        (await PgSessions.ActivityAsync(f.ProdLong1.Pid))!.State.ShouldBe("active", "nothing runs before approval");

        // Before the approval: one snapshot session ends and a new one starts.
        await PgSessions.TerminateAsync(f.ProdLong1.Pid);
        await PgSessions.WaitForAsync(f.ProdLong1.Pid, a => a is null || a.BackendStart != default && a.Query != "SELECT pg_sleep(600)");
        var newcomer = await f.Pg.RunningAsync(f.Prod, f.Pg.App);

        var approved = await f.Bot.RunAsync("bob", $"approve {request.Reference}");

        approved.Outcome.ShouldBe(Outcome.Succeeded, approved.Text);
        approved.Tables[0].Rows.Select(r => r[0]).ShouldBe([Pid(f.ProdLong1), Pid(f.ProdLong2)]);
        approved.Tables[0].Rows[0][3].ShouldStartWith("already gone");
        approved.Tables[0].Rows[1][3].ShouldBe("terminated");
        (await PgSessions.ActivityAsync(f.ProdLong2.Pid)).ShouldBeNull();
        (await PgSessions.ActivityAsync(newcomer.Pid))!.State.ShouldBe("active", "the session that started after the snapshot survives");
    }

    [Fact]
    public async Task Snapshot_OfAnEarlierSessionOrQueryOnThePid_NeverHitsTheCurrentOne()
    {
        var now = (await PgSessions.ActivityAsync(f.ReuseLong.Pid))!;
        var current = new SessionKey(now.Pid, now.BackendStart, now.QueryStart);
        var earlierSession = current with { BackendStart = now.BackendStart.AddTicks(-10) };
        var earlierQuery = current with { QueryStart = now.QueryStart!.Value.AddTicks(-10) };

        var reused = await f.Bot.RunAsync("alice", $"db kill --longer-than 30s --terminate --db bulkreuse --only {earlierSession}");
        var requeried = await f.Bot.RunAsync("alice", $"db kill --longer-than 30s --terminate --db bulkreuse --only {earlierQuery}");

        reused.Tables[0].Rows[0][3].ShouldBe("already gone: the pid now belongs to a new session, not touched");
        requeried.Tables[0].Rows[0][3].ShouldBe("already gone: its query ended and the session runs another one, not touched");
        (await PgSessions.ActivityAsync(f.ReuseLong.Pid))!.State.ShouldBe("active");

        var exact = await f.Bot.RunAsync("alice", $"db kill --longer-than 30s --terminate --db bulkreuse --only {current}");

        exact.Tables[0].Rows[0][3].ShouldBe("terminated");
        (await PgSessions.ActivityAsync(f.ReuseLong.Pid)).ShouldBeNull();
    }

    [Fact]
    public async Task KillIdle_TerminatesIdleSessions_ThenIdleInTransactionOnesWhenAsked()
    {
        var idle = await f.Bot.RunAsync("alice", "db kill-idle --idle-for 30s --db bulkidle");

        idle.Outcome.ShouldBe(Outcome.Succeeded, idle.Text);
        idle.Text.ShouldStartWith("db kill-idle on bulkidle (idle, 30s or longer): 1 terminated");
        (await PgSessions.ActivityAsync(f.Idle.Pid)).ShouldBeNull();
        (await PgSessions.ActivityAsync(f.IdleInTransaction.Pid))!.State.ShouldBe("idle in transaction");

        var stuck = await f.Bot.RunAsync("alice", "db kill --longer-than 30s --state idle-in-transaction --terminate --db bulkidle");

        stuck.Text.ShouldStartWith("db kill on bulkidle (idle-in-transaction, 30s or longer): 1 terminated");
        (await PgSessions.ActivityAsync(f.IdleInTransaction.Pid)).ShouldBeNull();
        (await PgSessions.ActivityAsync(f.IdleDbActive.Pid))!.State.ShouldBe("active");
    }

    private static string Pid(TestSession session) => session.Pid.ToString(CultureInfo.InvariantCulture);
}
