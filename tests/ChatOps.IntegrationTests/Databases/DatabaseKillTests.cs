using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Databases;
using ChatOps.IntegrationTests.Support;

namespace ChatOps.IntegrationTests.Databases;

/// <summary>
/// `db queries` and `db kill &lt;pid&gt;` through the whole pipeline against real sessions on PostgreSQL 15; every
/// assertion about a kill is made on the server's pg_stat_activity afterwards.
/// </summary>
public sealed class DatabaseKillTests : IAsyncLifetime
{
    private const string Secret = "pw-must-not-leak-db4";
    private readonly PostgresTestDatabase _database = new("chatops_dbkill");
    private PgSessions _pg = null!;
    private DatabaseBot _bot = null!;

    public async Task InitializeAsync()
    {
        await _database.CreateAsync(CancellationToken.None);
        _pg = await PgSessions.CreateAsync();
        _bot = new DatabaseBot(new Dictionary<string, (string, bool, string[])>
        {
            ["coredb"] = (PgSessions.ConnectionString(_database.Name, _pg.Bot, pooling: true), false, [_pg.Replicator]),
            ["weakdb"] = (PgSessions.ConnectionString(_database.Name, _pg.Weak, pooling: true), false, []),
            ["down"] = (PostgresTestDatabase.Unreachable(Secret), false, []),
        });
        await _bot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        // The database first: dropping it WITH (FORCE) ends every session, so the roles can always be dropped.
        await _bot.DisposeAsync();
        await _database.DisposeAsync();
        await _pg.DisposeAsync();
    }

    [Fact]
    public async Task Queries_ListRealSessions_MaskSecrets_AndLeaveOutTheBot()
    {
        var sleeping = await _pg.RunningAsync(_database.Name, _pg.App, "SELECT 'password=hunter2' AS dsn, pg_sleep(600)");
        var stuck = await _pg.IdleInTransactionAsync(_database.Name, _pg.App);
        await _bot.RunAsync("alice", "db queries --db coredb");

        var result = await _bot.RunAsync("alice", "db queries --db coredb --state all");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        var rows = result.Tables[0].Rows;
        rows.Select(r => r[0].Split('@')[0]).ShouldBe(new[] { sleeping.Pid, stuck.Pid }.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)), ignoreOrder: true);
        rows.ShouldContain(r => r[1] == _pg.App && r[4] == "active" && r[7] == "SELECT 'password=***' AS dsn, pg_sleep(600)" && r[6] == "Timeout:PgSleep");
        rows.ShouldContain(r => r[4] == "idle in transaction");
        rows.ShouldAllBe(r => r[2] != "chatops-bot");
        result.Text.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task Kill_CancelsTheQuery_AndTheSessionLivesOn()
    {
        var session = await _pg.RunningAsync(_database.Name, _pg.App);

        var result = await _bot.RunAsync("oscar", $"db kill {await TagAsync(session.Pid)} --db coredb");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldStartWith($"cancelled the query of pid {session.Pid} ({_pg.App}, billing, active for");
        (await session.EndedWithAsync()).ShouldBe("57014");
        var after = await PgSessions.WaitForAsync(session.Pid, a => a?.State is "idle");
        after!.Pid.ShouldBe(session.Pid);
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Kill_Refuses_ATagWhoseBackendStartIsNotTheSessions_AndTheSessionKeepsRunning()
    {
        var session = await _pg.RunningAsync(_database.Name, _pg.App);
        var stale = SessionTag.Of(session.Pid, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var result = await _bot.RunAsync("alice", $"db kill {stale} --db coredb --terminate");

        result.Outcome.ShouldBe(Outcome.Denied, result.Text);
        result.Text.ShouldStartWith($"refused: pid {session.Pid} is no longer the session {stale} you saw; it now belongs to session {await TagAsync(session.Pid)}");
        (await PgSessions.WaitForAsync(session.Pid, a => a?.State is "active"))!.State.ShouldBe("active");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Kill_BarePid_SignalsNothing_AndNamesTheTaggedCommand()
    {
        var session = await _pg.RunningAsync(_database.Name, _pg.App);

        var result = await _bot.RunAsync("alice", $"db kill {session.Pid} --db coredb");

        result.Text.ShouldEndWith($"nothing was signalled: to cancel this session's query run `db kill {await TagAsync(session.Pid)} --db coredb`");
        (await PgSessions.WaitForAsync(session.Pid, a => a?.State is "active"))!.State.ShouldBe("active");
    }

    /// <summary>The session column `db queries` shows for <paramref name="pid"/>, as a person copies it.</summary>
    private async Task<string> TagAsync(int pid)
    {
        var list = await _bot.RunAsync("alice", "db queries --db coredb --state all --limit 100");
        return list.Tables.SelectMany(t => t.Rows).Select(r => r[0]).FirstOrDefault(k => k.StartsWith($"{pid}@", StringComparison.Ordinal))
            ?? $"{pid}@aaaaa";
    }

    [Fact]
    public async Task Kill_Terminate_EndsTheSession()
    {
        var session = await _pg.RunningAsync(_database.Name, _pg.App);

        var result = await _bot.RunAsync("alice", $"db kill {await TagAsync(session.Pid)} --terminate --db coredb");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldEndWith("on coredb: the session has ended");
        (await PgSessions.ActivityAsync(session.Pid)).ShouldBeNull();
    }

    [Fact]
    public async Task Kill_IdleInTransaction_HasNoQueryToCancel_ButCanBeTerminated()
    {
        var session = await _pg.IdleInTransactionAsync(_database.Name, _pg.App);

        var cancel = await _bot.RunAsync("alice", $"db kill {await TagAsync(session.Pid)} --db coredb");
        var terminate = await _bot.RunAsync("alice", $"db kill {await TagAsync(session.Pid)} --db coredb --terminate");

        cancel.Text.ShouldBe($"refused: pid {session.Pid} is idle in transaction: there is no running query to cancel (--terminate ends the session); nothing was signalled");
        terminate.Outcome.ShouldBe(Outcome.Succeeded, terminate.Text);
        (await PgSessions.ActivityAsync(session.Pid)).ShouldBeNull();
    }

    [Fact]
    public async Task Kill_ProtectedUser_IsRefused_AndKeepsRunning()
    {
        var session = await _pg.RunningAsync(_database.Name, _pg.Replicator);

        var result = await _bot.RunAsync("alice", $"db kill {await TagAsync(session.Pid)} --db coredb --terminate");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe($"refused: pid {session.Pid} belongs to protected user '{_pg.Replicator}' (ChatOps:Databases:coredb:ProtectedUsers); nothing was signalled");
        (await PgSessions.ActivityAsync(session.Pid))!.State.ShouldBe("active");
    }

    [Fact]
    public async Task Kill_TheBotsOwnConnection_IsRefused()
    {
        await _bot.RunAsync("alice", "db queries --db coredb");
        var own = await PgSessions.BotPidAsync(_database.Name, _pg.Bot);

        var result = await _bot.RunAsync("alice", $"db kill {own}@aaaaa --db coredb --terminate");

        result.Text.ShouldBe($"refused: pid {own} is the bot's own connection; nothing was signalled");
        (await PgSessions.ActivityAsync(own)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Kill_NonClientBackends_AreRefused()
    {
        var result = await _bot.RunAsync("alice", "db queries --db coredb");
        result.Outcome.ShouldBe(Outcome.Succeeded);
        var checkpointer = await CheckpointerPidAsync();

        var kill = await _bot.RunAsync("alice", $"db kill {checkpointer}@aaaaa --db coredb --terminate");

        kill.Text.ShouldBe($"refused: pid {checkpointer} is a PostgreSQL checkpointer process, not a client session; nothing was signalled");
    }

    [Fact]
    public async Task Kill_WithARoleWithoutPgSignalBackend_SaysWhatToGrant()
    {
        var session = await _pg.RunningAsync(_database.Name, _pg.App);

        var result = await _bot.RunAsync("alice", $"db kill {await TagAsync(session.Pid)} --db weakdb --terminate");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe($"refused: the bot's role '{_pg.Weak}' may not signal sessions of '{_pg.App}': grant it pg_signal_backend (see manifests/postgres-bot-role.sql); nothing was signalled");
        (await PgSessions.ActivityAsync(session.Pid))!.State.ShouldBe("active");
    }

    [Fact]
    public async Task Adapter_WhenPostgresItselfRefuses_ReportsPermissionDenied()
    {
        var session = await _pg.RunningAsync(_database.Name, _pg.App);
        var activity = (await PgSessions.ActivityAsync(session.Pid))!;

        var result = await _bot.Operations.SignalAsync(
            "weakdb", [new SessionKey(session.Pid, activity.BackendStart, activity.QueryStart)], SessionSignal.Terminate, CancellationToken.None);

        result.ShouldHaveSingleItem().Outcome.ShouldBe(SignalOutcome.PermissionDenied);
        result[0].Detail!.ShouldContain("pg_signal_backend");
        (await PgSessions.ActivityAsync(session.Pid))!.State.ShouldBe("active");
    }

    [Fact]
    public async Task Kill_SuperuserSession_WhenTheBotIsNotSuperuser_IsRefusedClearly()
    {
        var session = await _pg.RunningAsync(_database.Name, "postgres");

        var result = await _bot.RunAsync("alice", $"db kill {await TagAsync(session.Pid)} --db coredb");

        result.Text.ShouldBe($"refused: pid {session.Pid} is a superuser session ('postgres') and the bot's role '{_pg.Bot}' is not superuser; PostgreSQL lets only superusers signal it; nothing was signalled");
        (await PgSessions.ActivityAsync(session.Pid))!.State.ShouldBe("active");
    }

    [Fact]
    public async Task Adapter_SignalsNothing_WhenTheBackendStartDoesNotMatch_AsAfterPidReuse()
    {
        var session = await _pg.RunningAsync(_database.Name, _pg.App);
        var activity = (await PgSessions.ActivityAsync(session.Pid))!;
        var previousOccupant = new SessionKey(session.Pid, activity.BackendStart.AddTicks(-10), activity.QueryStart);
        var previousQuery = new SessionKey(session.Pid, activity.BackendStart, activity.QueryStart!.Value.AddTicks(-10));

        var result = await _bot.Operations.SignalAsync("coredb", [previousOccupant, previousQuery], SessionSignal.Terminate, CancellationToken.None);

        result.Select(r => r.Outcome).ShouldBe([SignalOutcome.AlreadyGone, SignalOutcome.AlreadyGone]);
        (await PgSessions.ActivityAsync(session.Pid))!.State.ShouldBe("active");
    }

    [Fact]
    public async Task UnreachableDatabase_AnswersOneLine_WithoutTheConnectionString()
    {
        var result = await _bot.RunAsync("alice", "db queries --db down");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldStartWith("database down could not be queried: ");
        result.Text.ShouldNotContain(Secret);
        result.Text.ShouldNotContain("\n");
    }

    private static async Task<int> CheckpointerPidAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
