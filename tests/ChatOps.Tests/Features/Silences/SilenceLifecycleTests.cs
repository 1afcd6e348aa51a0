using ChatOps.Bot.Core;

namespace ChatOps.Tests.Features.Silences;

public sealed class SilenceLifecycleTests
{
    private static async Task<string> SilenceAsync(ChatOps.Tests.Fakes.TestBot bot, string command = "silence HighErrorRate --for 2h")
    {
        var result = await bot.RunAsync("alice", command);
        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        return result.Reference!;
    }

    [Fact]
    public async Task List_ShowsActiveSilences_AndExpiredOnesOnlyWithAll()
    {
        await using var bot = SilenceBots.Create();
        var active = await SilenceAsync(bot);
        var expired = await SilenceAsync(bot, "silence DiskFull --for 1h");
        (await bot.RunAsync("alice", $"silence expire {expired}")).Outcome.ShouldBe(Outcome.Succeeded);

        var list = await bot.RunAsync("carol", "silence list");
        var all = await bot.RunAsync("carol", "silence list --all");

        // The console shows the text alone, so the table is in it; a card shows the summary above its table.
        list.Summary.ShouldBe("1 active or pending silence(s) on am");
        list.Text.ShouldStartWith("1 active or pending silence(s) on am\n");
        list.Text.ShouldContain(active);
        list.Tables.ShouldHaveSingleItem().Rows.ShouldHaveSingleItem()[0].ShouldBe(active);
        all.Tables.ShouldHaveSingleItem().Rows.Select(r => r[0]).ShouldBe([active, expired]);
        all.Tables[0].Rows[1][2].ShouldBe("expired");
    }

    [Fact]
    public async Task Expire_EndsTheSilenceNow_AndRefusesUnknownOrExpiredIds()
    {
        await using var bot = SilenceBots.Create();
        var id = await SilenceAsync(bot);

        var expired = await bot.RunAsync("oscar", $"silence expire {id}");
        var again = await bot.RunAsync("oscar", $"silence expire {id}");
        var unknown = await bot.RunAsync("oscar", $"silence expire {Guid.Empty:D}");

        expired.Text.ShouldBe($"expired silence {id} on am (alertname=\"HighErrorRate\"): its alerts notify again");
        again.Outcome.ShouldBe(Outcome.Failed);
        again.Text.ShouldBe($"silence {id} on am already expired at 2026-11-23 12:00 UTC; nothing was changed");
        unknown.Text.ShouldBe($"Alertmanager am has no silence {Guid.Empty:D} (see `silence list --all`); nothing was expired");
    }

    [Fact]
    public async Task Extend_PostsTheSameIdWithALaterEnd_KeepingItsStartMatchersAndAuthor()
    {
        await using var bot = SilenceBots.Create();
        var id = await SilenceAsync(bot);
        bot.Clock.Advance(TimeSpan.FromMinutes(30));

        var result = await bot.RunAsync("oscar", $"silence extend {id} --for 1h");

        result.Text.ShouldBe($"extended silence {id} on am (alertname=\"HighErrorRate\"): ends 2026-11-23 15:00 UTC instead of 2026-11-23 14:00 UTC");
        var update = bot.Silences.Saved[^1];
        update.Id.ShouldBe(id);
        update.StartsAt.ShouldBe(bot.Silences.Saved[0].StartsAt);
        update.CreatedBy.ShouldBe("alice (console:alice)");
        update.EndsAt.ShouldBe(TestClockEpochPlus(3));
    }

    [Fact]
    public async Task Extend_AnExpiredSilence_IsRefused_PointingAtANewOne()
    {
        await using var bot = SilenceBots.Create();
        var id = await SilenceAsync(bot);
        bot.Clock.Advance(TimeSpan.FromHours(3));

        var result = await bot.RunAsync("oscar", $"silence extend {id} --for 1h");

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldContain("already expired at 2026-11-23 14:00 UTC: create a new one with `silence alertname=\"HighErrorRate\" --for <duration>`");
        bot.Silences.Saved.Count.ShouldBe(1);
    }

    [Fact]
    public async Task InProduction_ExtendingPastTheMaximum_WaitsForApproval()
    {
        await using var bot = SilenceBots.Create(production: true);
        var id = await SilenceAsync(bot, "silence HighErrorRate --for 20h");

        var request = await bot.RunAsync("oscar", $"silence extend {id} --for 5h");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain("it lasts 1d1h, over the 1d maximum");
        request.Fields.ShouldContain(f => f.Name == "Silence" && f.Value.Contains("ends 2026-11-24 08:00 UTC → 2026-11-24 13:00 UTC", StringComparison.Ordinal));
        (await bot.RunAsync("oscar", $"silence extend {id} --for 1h")).Outcome.ShouldBe(Outcome.Succeeded);
    }

    private static DateTimeOffset TestClockEpochPlus(int hours) => ChatOps.Tests.Fakes.TestClock.Epoch.AddHours(hours);
}
