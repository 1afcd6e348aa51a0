using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Policies;

/// <summary>Policy as the real parser, mediator and behaviours apply it, on fakes of the ports.</summary>
public sealed class PolicyPipelineTests
{
    private const string Freeze = "ChatOps:Policies:Freezes:0";

    /// <summary>A one-off freeze of prod-eks around the test clock's epoch (Mon 2026-11-23 12:00 UTC).</summary>
    internal static void Frozen(Dictionary<string, string?> s, bool allowForIncident = false)
    {
        s[$"{Freeze}:Name"] = "black-friday";
        s[$"{Freeze}:From"] = "2026-11-23T00:00";
        s[$"{Freeze}:Until"] = "2026-11-24T00:00";
        s[$"{Freeze}:Targets:0"] = "prod-eks";
        s[$"{Freeze}:AllowForIncident"] = allowForIncident ? "true" : "false";
    }

    [Fact]
    public async Task FrozenCommand_ChangesNothing_AndIsAuditedAsRefused()
    {
        await using var bot = TestBot.Create(s => Frozen(s));

        var result = await bot.RunAsync("alice", "scale web 5 --cluster prod-eks");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe("refused: change freeze 'black-friday' (mutating commands on prod-eks) is in force until Tue 2026-11-24 00:00 UTC; nothing was run");
        bot.Kube.Calls.ShouldBeEmpty();
        var entries = bot.Store.Entries.Select(e => e.Record).ToList();
        entries.Select(r => r.Outcome).ShouldBe([AuditOutcome.Started, AuditOutcome.NotRun]);
        entries[^1].Decision.ShouldBe(AuditDecision.Denied);
        entries[^1].Error.ShouldBe(result.Text);
    }

    [Fact]
    public async Task FrozenDangerousCommand_NeverBecomesAPendingApproval()
    {
        await using var bot = TestBot.Create(s => Frozen(s));

        var result = await bot.RunAsync("alice", "scale web 0 --cluster prod-eks");

        result.Outcome.ShouldBe(Outcome.Denied);
        (await bot.Store.CountPendingAsync(bot.Clock.GetUtcNow(), CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task OutsideTheFreezeScope_AndReads_RunAsBefore()
    {
        await using var bot = TestBot.Create(s => Frozen(s));

        (await bot.RunAsync("alice", "scale web 5 --cluster staging")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("alice", "status web --cluster prod-eks")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("alice", "scale web 5 --cluster prod-eks --dry-run")).Outcome.ShouldBe(Outcome.Succeeded, "a preview changes nothing");
    }

    [Fact]
    public async Task WithoutTheRole_TheFreezeIsNotEvenConsulted_AuthorizationAnswers()
    {
        await using var bot = TestBot.Create(s => Frozen(s));

        var result = await bot.RunAsync("carol", "scale web 5 --cluster prod-eks");

        result.Text.ShouldStartWith("denied: `scale` needs operator");
    }

    [Fact]
    public async Task ForAnOpenP1_TheFreezeIsOverridden_ButNeedsApproval_AndTheTimelineSaysSo()
    {
        await using var bot = TestBot.Create(s => Frozen(s, allowForIncident: true));
        var incident = (await bot.RunAsync("alice", "incident declare P1 checkout down")).Reference!;

        var held = await bot.RunAsync("alice", $"scale web 5 --cluster staging --incident {incident}");
        held.Outcome.ShouldBe(Outcome.Succeeded, "staging is not frozen");
        var result = await bot.RunAsync("alice", $"scale web 5 --cluster prod-eks --incident {incident}");

        result.Outcome.ShouldBe(Outcome.AwaitingApproval, result.Text);
        result.Text.ShouldContain($"is held by policy (change freeze 'black-friday'");
        result.Text.ShouldContain($"overridden for P1 incident {incident})");
        var timeline = await bot.Store.GetTimelineAsync(incident, CancellationToken.None);
        timeline.ShouldContain(e => e.Text.StartsWith("freeze override requested: `scale web 5", StringComparison.Ordinal));

        var approved = await bot.RunAsync("bob", $"approve {result.Reference}");
        approved.Outcome.ShouldBe(Outcome.Succeeded, approved.Text);
        bot.Kube.Calls.ShouldContain("scale prod-eks/default/web 5");
    }

    [Fact]
    public async Task ForAP3_TheFreezeHolds()
    {
        await using var bot = TestBot.Create(s => Frozen(s, allowForIncident: true));
        var incident = (await bot.RunAsync("alice", "incident declare P3 search slow")).Reference!;

        var result = await bot.RunAsync("alice", $"scale web 5 --cluster prod-eks --incident {incident}");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldEndWith("for an open P1/P2 incident run it with --incident INC-… or in the incident's channel (needs approval)");
    }

    [Fact]
    public async Task PolicyApproval_NamesTheRule_AndRunsOnceApproved()
    {
        await using var bot = TestBot.Create(s => s["ChatOps:Policies:Limits:MinProductionReplicas"] = "2");

        var result = await bot.RunAsync("alice", "scale web 1 --cluster prod-eks");

        result.Outcome.ShouldBe(Outcome.AwaitingApproval, result.Text);
        result.Text.ShouldContain("is held by policy (3 → 1 goes below the production minimum of 2 replicas");
        (await bot.RunAsync("bob", $"approve {result.Reference}")).Outcome.ShouldBe(Outcome.Succeeded);
        bot.Kube.Calls.ShouldContain("scale prod-eks/default/web 1");
    }

    [Fact]
    public async Task ApprovalBindsToThePolicyOutcome_ARuleAddedWhileItWaits_MakesItNoLongerCover()
    {
        await using var bot = TestBot.Create();
        var result = await bot.RunAsync("alice", "scale web 0 --cluster prod-eks");
        result.Outcome.ShouldBe(Outcome.AwaitingApproval, result.Text);

        // bob is asked about a scale to zero; the minimum added meanwhile is a rule he was never shown.
        bot.Reconfigure("ChatOps:Policies:Limits:MinProductionReplicas", "2");
        var approved = await bot.RunAsync("bob", $"approve {result.Reference}");

        approved.Text.ShouldStartWith($"refused: the policy rules for {result.Reference} changed while it waited (now: 3 → 0 goes below the production minimum of 2 replicas");
        bot.Kube.Calls.ShouldNotContain(c => c.StartsWith("scale ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProtectedNamespace_AndReplicaLimit_AreRefused_NamingTheRuleAndTheNumber()
    {
        await using var bot = TestBot.Create(s =>
        {
            s["ChatOps:Policies:Limits:ProtectedNamespaces:0"] = "kube-system";
            s["ChatOps:Policies:Limits:MaxReplicaChange"] = "4";
        });

        (await bot.RunAsync("alice", "scale coredns 3 -n kube-system --cluster staging")).Text
            .ShouldBe("refused: namespace kube-system is protected (ChatOps:Policies:Limits:ProtectedNamespaces); nothing was run");
        (await bot.RunAsync("alice", "scale web 8 --cluster staging")).Text
            .ShouldBe("refused: 3 → 8 changes replicas by 5, above the limit of 4 per command (ChatOps:Policies:Limits:MaxReplicaChange); nothing was run");
        bot.Kube.Calls.ShouldNotContain(c => c.StartsWith("scale ", StringComparison.Ordinal));
        (await bot.RunAsync("alice", "scale web 7 --cluster staging")).Outcome.ShouldBe(Outcome.Succeeded);
    }
}
