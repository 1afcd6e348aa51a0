using ChatOps.Bot.Core;
using ChatOps.Tests.Features.Databases;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Policies;

/// <summary>ChatOps:Policies:Limits:MaxKillSessions through the real parser, pipeline and bulk-kill handler.</summary>
public sealed class KillSessionLimitTests
{
    private static TestBot Bot(int max, params string[] protectedUsers)
    {
        var bot = DbBots.Create(false, false, protectedUsers);
        bot.Reconfigure("ChatOps:Policies:Limits:MaxKillSessions", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return bot;
    }

    [Fact]
    public async Task AboveTheLimit_TheTypedKill_IsRefusedWithTheRuleAndTheCount_AndNothingIsSignalled()
    {
        await using var bot = Bot(2);
        bot.Databases.Add(11, TimeSpan.FromMinutes(9));
        bot.Databases.Add(12, TimeSpan.FromMinutes(8));
        bot.Databases.Add(13, TimeSpan.FromMinutes(7));

        var result = await bot.RunAsync("alice", "db kill --longer-than 5m --terminate");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe("refused: `db kill` would signal 3 sessions, above the limit of 2 per command (ChatOps:Policies:Limits:MaxKillSessions); nothing was signalled");
        bot.Databases.Signals.ShouldBeEmpty();
        bot.Store.Entries.ShouldNotContain(e => e.Record.RequestId.EndsWith(".snap", StringComparison.Ordinal), "refused before any snapshot was bound");
    }

    [Fact]
    public async Task TheCount_IsOfTheSessionsTheKillWouldSignal_NotOfThoseItLeavesAlone()
    {
        await using var bot = Bot(2, "replicator");
        var a = bot.Databases.Add(11, TimeSpan.FromMinutes(9));
        var b = bot.Databases.Add(12, TimeSpan.FromMinutes(8));
        bot.Databases.Add(13, TimeSpan.FromMinutes(7), user: "replicator");
        bot.Databases.Add(14, TimeSpan.FromMinutes(1));

        var result = await bot.RunAsync("alice", "db kill --longer-than 5m --terminate");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Databases.Signals.Select(s => s.Key).ShouldBe([a.Key!, b.Key!]);
    }

    [Fact]
    public async Task TheBoundForm_CountsTheSessionsItNames_NotWhatMatchesNow()
    {
        await using var bot = Bot(2);

        // The approval covers the named list, so that is what is judged; a fresh look would find only two.
        var keys = string.Join(',', new[] { 11, 12 }.Select(pid => bot.Databases.Add(pid, TimeSpan.FromMinutes(9)).Key)
            .Append(bot.Databases.Add(13, TimeSpan.FromMinutes(1)).Key));

        var result = await bot.RunAsync("alice", $"db kill --db=coredb --longer-than=5m --state=active --terminate --only={keys}");

        result.Text.ShouldBe("refused: `db kill` would signal 3 sessions, above the limit of 2 per command (ChatOps:Policies:Limits:MaxKillSessions); nothing was signalled");
        bot.Databases.Signals.ShouldBeEmpty();
    }

    [Fact]
    public async Task PolicyTest_ShowsTheLimit_WithTheCount()
    {
        await using var bot = Bot(1);
        bot.Databases.Add(11, TimeSpan.FromMinutes(9));
        bot.Databases.Add(12, TimeSpan.FromMinutes(9));

        var result = await bot.RunAsync("alice", "policy test db kill --longer-than 5m");

        result.Text.ShouldContain("policy: refused: `db kill` would signal 2 sessions, above the limit of 1 per command");
        result.Text.ShouldEndWith("verdict: refused by policy");
        bot.Databases.Signals.ShouldBeEmpty();
    }
}
