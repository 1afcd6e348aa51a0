using ChatOps.Bot.Core;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Policies;

public sealed class PolicyTestCommandTests
{
    [Fact]
    public async Task ExplainsTheWholePath_AndRunsNothing()
    {
        await using var bot = TestBot.Create(s => PolicyPipelineTests.Frozen(s));

        var result = await bot.RunAsync("dave", "policy test scale web 5 --cluster prod-eks");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.Split('\n').ShouldBe(
        [
            "policy test of `scale web 5 --namespace=default --cluster=prod-eks` for console:dave (nothing was run)",
            "identity: console:dave",
            "roles: needs operator on prod-eks/default; holds operator on prod-eks (binding console:dave) → allowed",
            "policy: refused: change freeze 'black-friday' (mutating commands on prod-eks) is in force until Tue 2026-11-24 00:00 UTC; nothing was run",
            "approvals: none",
            "verdict: refused by policy",
        ]);
        bot.Kube.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task NamesTheApprovalsADangerousCommandNeeds()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "policy test scale web 0 --cluster prod-eks");

        result.Text.ShouldContain("policy: no rule applies");
        result.Text.ShouldContain("approvals: 1 × operator on prod-eks/default, not the requester (dangerous on production)");
        result.Text.ShouldEndWith("verdict: needs approval");
        (await bot.Store.CountPendingAsync(bot.Clock.GetUtcNow(), CancellationToken.None)).ShouldBe(0);
        bot.Kube.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task AnAdmin_MayTestForAnotherUser()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "policy test --user console:carol scale web 2 --cluster staging");

        result.Text.ShouldContain("roles: needs operator on staging/default; holds viewer everywhere (binding console:carol) → denied");
        result.Text.ShouldEndWith("verdict: denied (role)");
    }

    [Theory]
    [InlineData("policy test --user console:alice scale web 2")]
    [InlineData("policy test -u alice scale web 2")]
    public async Task AnyoneElse_MayTestOnlyForThemselves(string text)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("dave", text);

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe("denied: only an admin (everywhere) may test for another user; console:dave may test for itself");
        (await bot.RunAsync("carol", "policy test --user console:carol scale web 2")).Outcome.ShouldBe(Outcome.Succeeded);
    }

    [Fact]
    public async Task SomeoneWithoutAnyBinding_IsDenied_AsForEverythingButHelpAndWhoami()
    {
        await using var bot = TestBot.Create(s => PolicyPipelineTests.Frozen(s));

        var result = await bot.RunAsync("mallory", "policy test scale web 5 --cluster prod-eks");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe("denied: `policy test` needs a role binding; console:mallory has none");
    }

    [Theory]
    [InlineData("policy test nonsense", "cannot test `nonsense`: unknown command 'nonsense'; type `help` for the list")]
    [InlineData("policy test policy test whoami", "`policy test` tests other commands, not itself")]
    public async Task BadInput_GetsOneLine(string text, string answer)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldBe(answer);
    }
}
