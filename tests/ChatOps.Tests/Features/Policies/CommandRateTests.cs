using ChatOps.Bot.Core;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Policies;

/// <summary>ChatOps:Policies:Limits:Rates, counted from the audit log, through the real parser and pipeline.</summary>
public sealed class CommandRateTests
{
    private const string Rule = "ChatOps:Policies:Limits:Rates:0";

    private static TestBot Bot(string per = "Object") => TestBot.Create(s =>
    {
        s[$"{Rule}:Name"] = "scale-storm";
        s[$"{Rule}:Commands:0"] = "scale";
        s[$"{Rule}:Window"] = "00:10:00";
        s[$"{Rule}:Max"] = "2";
        s[$"{Rule}:Per"] = per;
    });

    [Fact]
    public async Task OverTheRate_TheNextRun_IsRefused_NamingTheRuleTheCountAndWhenTheWindowFreesUp()
    {
        await using var bot = Bot();
        (await bot.RunAsync("alice", "scale web 4 --cluster staging")).Outcome.ShouldBe(Outcome.Succeeded);
        bot.Clock.Advance(TimeSpan.FromMinutes(3));
        (await bot.RunAsync("alice", "scale web 5 --cluster staging")).Outcome.ShouldBe(Outcome.Succeeded);
        var calls = bot.Kube.Calls.Count;

        var result = await bot.RunAsync("bob", "scale web 6 --cluster staging");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe("refused: rate limit 'scale-storm': 2 of scale on staging/default web in the last 10m, at most 2 (ChatOps:Policies:Limits:Rates); " +
            "the window frees up at 2026-11-23 12:10:00 UTC; nothing was run");
        bot.Kube.Calls.Count.ShouldBe(calls);
    }

    [Fact]
    public async Task OnlyRunsCount_ARefusal_DoesNotExtendTheWindow_AndTheWindowFreesUp()
    {
        await using var bot = Bot();
        await bot.RunAsync("alice", "scale web 4 --cluster staging");
        await bot.RunAsync("alice", "scale web 5 --cluster staging");
        (await bot.RunAsync("alice", "scale web 6 --cluster staging")).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("carol", "scale web 6 --cluster staging")).Outcome.ShouldBe(Outcome.Denied, "carol may not scale");

        bot.Clock.Advance(TimeSpan.FromMinutes(10));

        (await bot.RunAsync("alice", "scale web 6 --cluster staging")).Outcome.ShouldBe(Outcome.Succeeded);
    }

    [Fact]
    public async Task PerObject_AnotherDeployment_HasItsOwnCount_PerTarget_ItShares()
    {
        await using var perObject = Bot();
        await perObject.RunAsync("alice", "scale web 4 --cluster staging");
        await perObject.RunAsync("alice", "scale web 5 --cluster staging");
        (await perObject.RunAsync("alice", "scale api 2 --cluster staging")).Outcome.ShouldBe(Outcome.Succeeded);
        (await perObject.RunAsync("alice", "scale web 4 --cluster prod-eks")).Outcome.ShouldBe(Outcome.Succeeded, "another cluster");

        await using var perTarget = Bot("Target");
        await perTarget.RunAsync("alice", "scale web 4 --cluster staging");
        await perTarget.RunAsync("alice", "scale api 5 -n shop --cluster staging");
        (await perTarget.RunAsync("alice", "scale db 2 -n data --cluster staging")).Text
            .ShouldStartWith("refused: rate limit 'scale-storm': 2 of scale on staging in the last 10m");
    }

    [Fact]
    public async Task PolicyTest_ShowsTheRate()
    {
        await using var bot = Bot();
        await bot.RunAsync("alice", "scale web 4 --cluster staging");
        await bot.RunAsync("alice", "scale web 5 --cluster staging");

        var result = await bot.RunAsync("alice", "policy test scale web 6 --cluster staging");

        result.Text.ShouldContain("policy: refused: rate limit 'scale-storm': 2 of scale on staging/default web in the last 10m");
        result.Text.ShouldEndWith("verdict: refused by policy");
    }

    [Fact]
    public async Task DryRun_ShowsTheRateItWouldMeet_ChangesNothing_AndIsNotCounted()
    {
        await using var bot = Bot();
        (await bot.RunAsync("alice", "scale web 4 --cluster staging --dry-run")).Text.ShouldNotContain("if run, policy");
        (await bot.RunAsync("alice", "scale web 4 --cluster staging --dry-run")).Outcome.ShouldBe(Outcome.Succeeded);
        await bot.RunAsync("alice", "scale web 4 --cluster staging");
        (await bot.RunAsync("alice", "scale web 5 --cluster staging")).Outcome.ShouldBe(Outcome.Succeeded, "the previews did not count");
        var preview = await bot.RunAsync("alice", "scale web 6 --cluster staging --dry-run");

        preview.Outcome.ShouldBe(Outcome.Succeeded);
        preview.Text.ShouldContain("\nif run, policy: refused: rate limit 'scale-storm': 2 of scale on staging/default web in the last 10m");
        bot.Kube.Calls[^1].ShouldBe("scale staging/default/web 6 dry-run");
    }
}
