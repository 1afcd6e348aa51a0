using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Databases;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Databases;

/// <summary>
/// Issue 18.2: `db kill` is bound to the session `db queries` showed. Pid reuse is forced in the fake: victim-G is
/// listed with pid 1371, ends, and victim-H gets pid 1371.
/// </summary>
[Trait("Category", "Adversarial")]
public sealed class DbKillBindingTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(12);

    [Fact]
    public async Task Kill_Refuses_WhenPidWasReused()
    {
        await using var bot = DbBots.Create();
        var shown = await ShowVictimGAsync(bot);
        var victimH = ReusePid(bot);

        var result = await bot.RunAsync("oscar", $"db kill {shown}");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldStartWith($"refused: pid 1371 is no longer the session {shown} you saw; it now belongs to session {victimH.Tag} " +
            "(report_user / victim-H from 10.0.0.7, session started ");
        result.Text.ShouldEndWith("nothing was signalled. Check `db queries --db coredb` again");
        bot.Databases.Signals.ShouldBeEmpty();
        bot.Databases.Sessions.ShouldHaveSingleItem().State.ShouldBe("active");
    }

    [Fact]
    public async Task Kill_BarePid_SignalsNothing_AndOffersTheCommandForTheSessionThatHoldsItNow()
    {
        await using var bot = DbBots.Create();
        await ShowVictimGAsync(bot);
        var victimH = ReusePid(bot);

        var result = await bot.RunAsync("oscar", "db kill 1371");

        bot.Databases.Signals.ShouldBeEmpty();
        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Visibility.ShouldBe(Visibility.Ephemeral);
        result.Text.ShouldStartWith($"pid 1371 is now session {victimH.Tag}: report_user / victim-H from 10.0.0.7, session started 2026-11-23 11:00:00Z, " +
            "query started 2026-11-23 11:00:01Z, active for 12m: select pg_sleep(600)");
        result.Text.ShouldEndWith($"nothing was signalled: to cancel this session's query run `db kill {victimH.Tag} --db coredb`");
        var button = result.Buttons.ShouldHaveSingleItem();
        button.Command.ShouldBe($"db kill {victimH.Tag} --db coredb");
        button.Confirm!.ShouldContain("report_user / victim-H");
    }

    [Fact]
    public async Task Kill_WithTheTagShown_SignalsExactlyThatSession()
    {
        await using var bot = DbBots.Create();
        var shown = await ShowVictimGAsync(bot);
        var victimG = bot.Databases.Sessions.Single();

        var result = await bot.RunAsync("oscar", $"db kill {shown}");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        bot.Databases.Signals.ShouldHaveSingleItem().Key.ShouldBe(victimG.Key);
    }

    [Fact]
    public async Task Kill_Approval_BindsTheTag_AndIsRefusedWhenThePidWasReusedBeforeApproval()
    {
        await using var bot = DbBots.Create(production: true);
        bot.Reconfigure("ChatOps:Approvals:Commands:0", "db kill");
        var shown = await ShowVictimGAsync(bot);

        var request = await bot.RunAsync("alice", $"db kill {shown} --terminate");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval);
        var approval = (await bot.Store.GetAsync(request.Reference!, CancellationToken.None))!;
        approval.CanonicalCommand.ShouldContain(shown);
        request.Fields.ShouldContain(f => f.Name == KillApprovalDetails.FieldName && f.Value.StartsWith($"{shown}: app_user / victim-G from 10.0.0.7"));

        ReusePid(bot);
        var approved = await bot.RunAsync("bob", $"approve {request.Reference}");

        approved.Text.ShouldContain($"refused: pid 1371 is no longer the session {shown} you saw");
        bot.Databases.Signals.ShouldBeEmpty();
        bot.Databases.Sessions.ShouldHaveSingleItem().User.ShouldBe("report_user");
    }

    /// <summary>Lists victim-G and returns the session column `db queries` showed for it, as a person would copy it.</summary>
    private static async Task<string> ShowVictimGAsync(TestBot bot)
    {
        bot.Databases.Add(1371, Long, user: "app_user", change: s => s with { Application = "victim-G" });
        var list = await bot.RunAsync("carol", "db queries");
        list.Tables.ShouldHaveSingleItem().Columns[0].ShouldBe("session");
        return list.Tables[0].Rows.ShouldHaveSingleItem()[0];
    }

    private static DbSession ReusePid(TestBot bot)
    {
        bot.Databases.Remove(1371);
        return bot.Databases.Add(1371, Long, user: "report_user", change: s => s with { Application = "victim-H" });
    }
}
