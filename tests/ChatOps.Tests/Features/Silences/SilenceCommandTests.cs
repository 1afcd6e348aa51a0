using ChatOps.Bot.Core;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Silences;

public sealed class SilenceCommandTests
{
    [Fact]
    public async Task Silence_CreatesIt_AsTheChatUser_WithTheRequestIdInTheComment_AndCountsTheFiringAlerts()
    {
        await using var bot = SilenceBots.Create();
        bot.Silences.Firing.Add(SilenceBots.Alert("HighErrorRate", "shop"));
        bot.Silences.Firing.Add(SilenceBots.Alert("HighErrorRate", "shop"));
        bot.Silences.Firing.Add(SilenceBots.Alert("DiskFull", "shop"));
        var context = bot.Context("oscar");

        var result = await bot.Dispatcher.DispatchAsync("silence HighErrorRate --for 2h --comment \"deploy in progress\"", context, CancellationToken.None);

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        var saved = bot.Silences.Saved.ShouldHaveSingleItem();
        result.Text.ShouldBe(
            $"silenced alertname=\"HighErrorRate\" on am for 2h, until 2026-11-23 14:00 UTC: 2 firing alerts match (namespace: shop; service: web); silence {result.Reference}");
        saved.CreatedBy.ShouldBe("oscar (console:oscar)");
        saved.Comment.ShouldBe($"deploy in progress (chatops request {context.CorrelationId})");
        saved.StartsAt.ShouldBe(TestClock.Epoch);
        saved.EndsAt.ShouldBe(TestClock.Epoch.AddHours(2));
        result.Buttons.ShouldHaveSingleItem().Command.ShouldBe($"silence expire {result.Reference} --alertmanager am");
        (await bot.Store.QueryAsync(new ChatOps.Bot.Features.Audit.AuditQuery(Last: 5), CancellationToken.None))
            .ShouldContain(r => r.RawText.StartsWith("silence HighErrorRate", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silence HighErrorRate", "missing --for <duration>")]
    [InlineData("silence HighErrorRate --for 2x", "--for")]
    [InlineData("silence job=~api( --for 1h", "the regex does not compile")]
    [InlineData("silence alertname=~.* --for 1h", "every matcher also matches alerts without that label")]
    [InlineData("silence HighErrorRate --for 1h --alertmanager other", "'other' is not a configured Alertmanager")]
    [InlineData("silence expire 42", "a silence id looks like")]
    public async Task BadInput_IsOneClearLine_AndNothingIsSilenced(string command, string expected)
    {
        await using var bot = SilenceBots.Create();

        var result = await bot.RunAsync("alice", command);

        result.Outcome.ShouldBe(Outcome.Invalid, result.Text);
        // The first line says what is wrong; the usage line follows, as for every refused command.
        result.Text.Split('\n')[0].ShouldContain(expected);
        bot.Silences.Saved.ShouldBeEmpty();
    }

    [Fact]
    public async Task Silence_NeedsOperator()
    {
        await using var bot = SilenceBots.Create();

        var result = await bot.RunAsync("carol", "silence HighErrorRate --for 1h");

        result.Outcome.ShouldBe(Outcome.Denied);
        bot.Silences.Saved.ShouldBeEmpty();
        (await bot.RunAsync("carol", "silence list")).Outcome.ShouldBe(Outcome.Succeeded);
    }

    [Fact]
    public async Task OffProduction_ASilenceAcrossNamespaces_RunsAtOnce()
    {
        await using var bot = SilenceBots.Create();
        bot.Silences.Firing.Add(SilenceBots.Alert("HighErrorRate", "shop"));
        bot.Silences.Firing.Add(SilenceBots.Alert("HighErrorRate", "billing"));

        var result = await bot.RunAsync("oscar", "silence HighErrorRate --for 1h");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        result.Text.ShouldContain("2 firing alerts match (namespace: billing, shop; service: web)");
    }

    [Fact]
    public async Task InProduction_ANarrowShortSilence_RunsAtOnce()
    {
        await using var bot = SilenceBots.Create(production: true);
        bot.Silences.Firing.Add(SilenceBots.Alert("HighErrorRate", "shop"));

        var result = await bot.RunAsync("oscar", "silence HighErrorRate namespace=shop --for 2h");

        result.Outcome.ShouldBe(Outcome.Succeeded, result.Text);
        bot.Silences.Saved.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task InProduction_ASilenceAcrossNamespaces_WaitsForApproval_ShowingTheMatchedAlerts_ThenRuns()
    {
        await using var bot = SilenceBots.Create(production: true);
        bot.Silences.Firing.Add(SilenceBots.Alert("HighErrorRate", "shop"));
        bot.Silences.Firing.Add(SilenceBots.Alert("HighErrorRate", "billing"));

        var request = await bot.RunAsync("oscar", "silence HighErrorRate --for 1h");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain("is dangerous (it matches firing alerts of 2 namespaces (billing, shop))");
        request.Fields.ShouldContain(f => f.Name == "Firing alerts matched" && f.Value == "2 firing alerts match (namespace: billing, shop; service: web)");
        bot.Silences.Saved.ShouldBeEmpty();

        var approved = await bot.RunAsync("bob", $"approve {request.Reference}");

        approved.Text.ShouldContain("silenced alertname=\"HighErrorRate\" on am for 1h");
        bot.Silences.Saved.ShouldHaveSingleItem().CreatedBy.ShouldBe("oscar (console:oscar)");
    }

    [Theory]
    [InlineData("silence HighErrorRate --for 25h", "it lasts 1d1h, over the 1d maximum")]
    [InlineData("silence alertname=~High.* --for 1h", "no matcher is name=value")]
    public async Task InProduction_TooLongOrWithoutEquality_WaitsForApproval(string command, string reason)
    {
        await using var bot = SilenceBots.Create(production: true);

        var request = await bot.RunAsync("oscar", command);

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain(reason);
        bot.Silences.Saved.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheMaximum_IsConfigurable()
    {
        await using var bot = SilenceBots.Create(production: true, s => s["ChatOps:Alertmanagers:am:MaxSilence"] = "2.00:00:00");

        (await bot.RunAsync("oscar", "silence HighErrorRate --for 25h")).Outcome.ShouldBe(Outcome.Succeeded);
    }

    [Fact]
    public async Task InProduction_WhenAlertmanagerCannotBeRead_ApprovalIsAsked_NotSkipped()
    {
        await using var bot = SilenceBots.Create(production: true);
        bot.Silences.Down = true;

        var request = await bot.RunAsync("oscar", "silence HighErrorRate --for 1h");

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain("the firing alerts it matches could not be read");
        request.Text.ShouldContain("Firing alerts matched: unknown: Alertmanager am is unavailable");
    }
}
