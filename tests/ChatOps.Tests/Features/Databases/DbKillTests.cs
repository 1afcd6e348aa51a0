using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Databases;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Databases;

public sealed class DbKillTests
{
    /// <summary>The tag `db queries` shows for the session holding <paramref name="pid"/> now; a made-up one when it has no backend start.</summary>
    internal static string Tag(TestBot bot, int pid) =>
        bot.Databases.Sessions.Single(s => s.Pid == pid).Tag?.ToString() ?? $"{pid}@aaaaa";

    [Fact]
    public async Task Kill_ByOperator_CancelsTheQuery_AndTheSessionLivesOn()
    {
        await using var bot = DbBots.Create();
        var session = bot.Databases.Add(4242, TimeSpan.FromMinutes(12));

        var result = await bot.RunAsync("oscar", $"db kill {Tag(bot, 4242)}");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Visibility.ShouldBe(Visibility.InChannel);
        result.Text.ShouldBe("cancelled the query of pid 4242 (app, billing, active for 12m: select pg_sleep(600)) on coredb; the session lives on");
        bot.Databases.Signals.ShouldHaveSingleItem().ShouldBe(("coredb", session.Key!, SessionSignal.Cancel));
        bot.Databases.Sessions.ShouldContain(s => s.Pid == 4242 && s.State == "idle");
    }

    [Fact]
    public async Task Kill_Terminate_NeedsAdmin()
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(4242, TimeSpan.FromMinutes(12));

        var operatorTry = await bot.RunAsync("oscar", $"db kill {Tag(bot, 4242)} --terminate");
        var adminTry = await bot.RunAsync("alice", $"db kill {Tag(bot, 4242)} --terminate");

        operatorTry.Text.ShouldBe("denied: `db kill` needs admin on coredb; console:oscar has operator there");
        adminTry.Text.ShouldStartWith("terminated pid 4242 (app, billing, active for 12m");
        bot.Databases.Sessions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Kill_ByViewer_IsDenied()
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(4242, TimeSpan.FromMinutes(12));

        (await bot.RunAsync("carol", $"db kill {Tag(bot, 4242)}")).Outcome.ShouldBe(Outcome.Denied);
        bot.Databases.Signals.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("replicator", "refused: pid 4242 belongs to protected user 'replicator' (ChatOps:Databases:coredb:ProtectedUsers); nothing was signalled")]
    [InlineData("REPLICATOR", "refused: pid 4242 belongs to protected user 'REPLICATOR' (ChatOps:Databases:coredb:ProtectedUsers); nothing was signalled")]
    public async Task Kill_ProtectedUser_IsRefused(string user, string message)
    {
        await using var bot = DbBots.Create(false, false, "replicator");
        bot.Databases.Add(4242, TimeSpan.FromMinutes(12), user: user);

        var result = await bot.RunAsync("alice", $"db kill {Tag(bot, 4242)} --terminate");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe(message);
        bot.Databases.Signals.ShouldBeEmpty();
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "bot", "refused: pid 4242 is the bot's own connection; nothing was signalled" },
        { "autovacuum", "refused: pid 4242 is a PostgreSQL autovacuum worker process, not a client session; nothing was signalled" },
        { "walsender", "refused: pid 4242 is a PostgreSQL walsender process, not a client session; nothing was signalled" },
        { "other-db", "refused: pid 4242 is not a session of this database; nothing was signalled" },
        { "superuser", "refused: pid 4242 is a superuser session ('postgres') and the bot's role 'chatops_bot' is not superuser; PostgreSQL lets only superusers signal it; nothing was signalled" },
        { "no-signal", "refused: the bot's role 'chatops_bot' may not signal sessions of 'app': grant it pg_signal_backend (see manifests/postgres-bot-role.sql); nothing was signalled" },
        { "no-stats", "refused: the bot's role 'chatops_bot' cannot see when pid 4242 started: grant it pg_read_all_stats (see manifests/postgres-bot-role.sql); nothing was signalled" },
        { "idle", "refused: pid 4242 is idle in transaction: there is no running query to cancel (--terminate ends the session); nothing was signalled" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Kill_UnsafeSessions_AreRefusedWithTheReason(string kind, string message)
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(4242, TimeSpan.FromMinutes(12), change: s => kind switch
        {
            "bot" => s with { IsBot = true },
            "autovacuum" => s with { BackendType = "autovacuum worker", User = string.Empty },
            "walsender" => s with { BackendType = "walsender", User = "replicator" },
            "other-db" => s with { OnTarget = false, Database = "payroll" },
            "superuser" => s with { User = "postgres", IsSuperuser = true },
            "no-signal" => s with { MaySignal = false },
            "no-stats" => s with { BackendStart = null, State = null },
            _ => s with { State = "idle in transaction" },
        });

        var result = await bot.RunAsync("alice", $"db kill {Tag(bot, 4242)}");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe(message);
        bot.Databases.Signals.ShouldBeEmpty();
    }

    [Fact]
    public async Task Kill_SuperuserSession_IsAllowed_WhenTheBotIsSuperuser()
    {
        await using var bot = DbBots.Create();
        bot.Databases.Bot = new DatabaseRole("postgres", IsSuperuser: true);
        bot.Databases.Add(4242, TimeSpan.FromMinutes(12), user: "postgres", change: s => s with { IsSuperuser = true });

        (await bot.RunAsync("alice", $"db kill {Tag(bot, 4242)}")).Outcome.ShouldBe(Outcome.Succeeded);
    }

    [Fact]
    public async Task Kill_UnknownPid_ChangesNothing()
    {
        await using var bot = DbBots.Create();

        var result = await bot.RunAsync("alice", "db kill 77@aaaaa");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("no session with pid 77 is running on coredb; nothing was signalled");
    }

    [Fact]
    public async Task Kill_WhenThePidIsReusedBetweenLookupAndSignal_DoesNotHitTheNewSession()
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(4242, TimeSpan.FromMinutes(12));
        bot.Databases.BeforeSignal = () => bot.Databases.Add(4242, TimeSpan.FromSeconds(1), user: "newcomer");

        var result = await bot.RunAsync("alice", $"db kill {Tag(bot, 4242)} --terminate");

        result.Text.ShouldBe("pid 4242 ended or moved on to another query before it was signalled; nothing was signalled");
        bot.Databases.Sessions.ShouldHaveSingleItem().User.ShouldBe("newcomer");
    }

    [Fact]
    public async Task Kill_RefusedByPostgres_SaysWhatToGrant()
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(4242, TimeSpan.FromMinutes(12));
        bot.Databases.Forbidden.Add(4242);

        var result = await bot.RunAsync("alice", $"db kill {Tag(bot, 4242)} --terminate");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("PostgreSQL refused to terminate pid 4242: permission denied to terminate process (the bot's role needs pg_signal_backend; see manifests/postgres-bot-role.sql)");
    }

    [Theory]
    [InlineData("db kill 42 --longer-than 5m", "--longer-than is for bulk kills: give either a session or --longer-than, not both")]
    [InlineData("db kill 42 --state idle", "--state is for bulk kills: give either a session or --longer-than, not both")]
    [InlineData("db kill 42@aaaaa --only 1@2@3", "--only is for bulk kills: give either a session or --longer-than, not both")]
    [InlineData("db kill 0", "<session> must be a pid or pid@tag from `db queries` (like 4242@k3f9a), not '0'")]
    [InlineData("db kill 42abc", "<session> must be a pid or pid@tag from `db queries` (like 4242@k3f9a), not '42abc'")]
    [InlineData("db kill 42@k3f9", "<session> must be a pid or pid@tag from `db queries` (like 4242@k3f9a), not '42@k3f9'")]
    [InlineData("db kill 42@k3f9a@x", "<session> must be a pid or pid@tag from `db queries` (like 4242@k3f9a), not '42@k3f9a@x'")]
    [InlineData("db kill -42@k3f9a", "<session> must be a pid or pid@tag from `db queries` (like 4242@k3f9a), not '-42@k3f9a'")]
    [InlineData("db kill", "give a pid to kill one session, or --longer-than <dur> for a bulk kill")]
    public async Task Kill_BadInput_IsRefused_AndNothingIsSignalled(string text, string error)
    {
        await using var bot = DbBots.Create();
        bot.Databases.Add(42, TimeSpan.FromMinutes(12));

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.Split('\n')[0].ShouldBe(error);
        bot.Databases.Signals.ShouldBeEmpty();
    }
}
