using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Queues;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Features.Queues;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Features.Policies;

/// <summary>Issue 16 part 3: N-of-M approval rules and the purge-depth limit, through the real pipeline on fakes.</summary>
public sealed class ApprovalRulePipelineTests
{
    private const string Rule = "ChatOps:Policies:Approvals:0";
    private const string ScaleDown = "scale web 0 --cluster prod-eks";

    /// <summary>Two admins (besides the requester) for scales on prod-eks; frank is a third admin.</summary>
    private static void TwoAdmins(Dictionary<string, string?> s)
    {
        s["ChatOps:Roles:Bindings:5:Subject"] = "console:frank";
        s["ChatOps:Roles:Bindings:5:Role"] = "admin";
        s[$"{Rule}:Name"] = "prod scales";
        s[$"{Rule}:Commands:0"] = "scale";
        s[$"{Rule}:Targets:0"] = "prod-eks";
        s[$"{Rule}:Approvals"] = "2";
        s[$"{Rule}:Role"] = "admin";
    }

    [Fact]
    public async Task TwoOfM_RequesterAndOutsidersDoNotCount_TheSecondApproverRunsItOnce()
    {
        await using var bot = TestBot.Create(TwoAdmins);

        var request = await bot.RunAsync("alice", ScaleDown);

        request.Outcome.ShouldBe(Outcome.AwaitingApproval, request.Text);
        request.Text.ShouldContain("needs approval by 2 other people, as approval rule 'prod scales' (admin holders) says, holding operator there");
        request.Text.ShouldContain("is held by policy (approval rule 'prod scales' (admin holders) asks for 2 approvals, not the requester's (ChatOps:Policies:Approvals))");
        request.Fields.ShouldContain(f => f.Name == "Approvers" && f.Value == "approval rule 'prod scales' (admin holders)");
        var id = request.Reference!;
        var stored = (await bot.Store.GetAsync(id, CancellationToken.None))!;
        stored.RequiredApprovers.ShouldBe(2);
        stored.Eligible.ShouldBe(new ApproverSet("prod scales", Role.Admin, []));

        var outsider = await bot.RunAsync("dave", $"approve {id}");
        outsider.Outcome.ShouldBe(Outcome.Denied);
        outsider.Text.ShouldBe($"refused: approval rule 'prod scales' (admin holders) says who may approve {id}, and console:dave is not among them; the vote was not counted");
        (await bot.RunAsync("alice", $"approve {id}")).Text.ShouldStartWith("you cannot approve your own request");
        (await bot.Store.GetAsync(id, CancellationToken.None))!.Approvers.ShouldBeEmpty();

        var first = await bot.RunAsync("bob", $"approve {id}");
        first.Text.ShouldBe($"approval of {id} recorded (1 of 2); waiting for another approver");
        bot.Kube.Calls.ShouldNotContain(c => c.StartsWith("scale ", StringComparison.Ordinal));

        var second = await bot.RunAsync("frank", $"approve {id}");
        second.Outcome.ShouldBe(Outcome.Succeeded, second.Text);
        second.Text.ShouldStartWith($"{id} approved by console:bob, console:frank; ran `scale web 0");
        bot.Kube.Calls.Count(c => c == "scale prod-eks/default/web 0").ShouldBe(1);
    }

    [Fact]
    public async Task ANamedList_AdmitsOnlyItsMembers_WhateverRoleOthersHold()
    {
        await using var bot = TestBot.Create(s =>
        {
            s[$"{Rule}:Name"] = "web owners";
            s[$"{Rule}:Targets:0"] = "prod-eks";
            s[$"{Rule}:From:0"] = "console:erin";
            s[$"{Rule}:From:1"] = "slack-group:S-WEB";
        });
        var id = (await bot.RunAsync("alice", ScaleDown)).Reference!;

        var admin = await bot.RunAsync("bob", $"approve {id}");
        admin.Text.ShouldBe($"refused: approval rule 'web owners' (console:erin, slack-group:S-WEB) says who may approve {id}, and console:bob is not among them; the vote was not counted");

        (await bot.RunAsync("erin", $"approve {id}")).Outcome.ShouldBe(Outcome.Succeeded);
        bot.Kube.Calls.ShouldContain("scale prod-eks/default/web 0");
    }

    [Fact]
    public async Task ARuleHoldsWhatItCovers_EvenOffProduction_AndNothingElse()
    {
        await using var bot = TestBot.Create(s =>
        {
            s[$"{Rule}:Name"] = "staging scales";
            s[$"{Rule}:Commands:0"] = "scale";
            s[$"{Rule}:Targets:0"] = "staging";
        });

        var held = await bot.RunAsync("alice", "scale web 0 --cluster staging");

        held.Outcome.ShouldBe(Outcome.AwaitingApproval, held.Text);
        held.Text.ShouldContain("needs approval by another person, as approval rule 'staging scales' (anyone holding the command's role) says,");
        (await bot.RunAsync("alice", "scale web 0 --cluster staging --dry-run")).Outcome.ShouldBe(Outcome.Succeeded, "a preview is never held");
    }

    [Fact]
    public async Task ARuleChangedWhileItWaits_RefusesTheNextVote_SayingSo_AndCountsNothing()
    {
        await using var bot = TestBot.Create(TwoAdmins);
        var id = (await bot.RunAsync("alice", ScaleDown)).Reference!;
        (await bot.RunAsync("bob", $"approve {id}")).Text.ShouldContain("(1 of 2)");

        bot.Reconfigure($"{Rule}:Approvals", "3");
        var vote = await bot.RunAsync("frank", $"approve {id}");

        vote.Outcome.ShouldBe(Outcome.Denied);
        vote.Text.ShouldBe($"refused: the policy rules for {id} changed while it waited (now: approval rule 'prod scales' (admin holders) asks for 3 approvals, " +
            "not the requester's (ChatOps:Policies:Approvals)); the vote was not counted and nothing was run. alice must ask again (`policy test` shows the rules now)");
        (await bot.Store.GetAsync(id, CancellationToken.None))!.Approvers.ShouldBe(["console:bob"]);
        bot.Kube.Calls.ShouldNotContain(c => c.StartsWith("scale ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PolicyTest_NamesTheRule_TheCount_AndWhoMayApprove()
    {
        await using var bot = TestBot.Create(TwoAdmins);

        var result = await bot.RunAsync("alice", $"policy test {ScaleDown}");

        result.Text.ShouldContain("policy: approval rule 'prod scales' (admin holders) asks for 2 approvals, not the requester's (ChatOps:Policies:Approvals)");
        result.Text.ShouldContain("approvals: 2 × operator on prod-eks/default from approval rule 'prod scales' (admin holders), not the requester (policy: ");
        result.Text.ShouldEndWith("verdict: needs approval");
    }

    private static TestBot DeepPurgeBot(bool production) =>
        QueueBots.Create(production, configure: s => s["ChatOps:Policies:Limits:MaxPurgeDepthWithoutExtraApprover"] = "1000");

    [Fact]
    public async Task APurgeDeeperThanTheLimit_NeedsOneApproverWhereItNeededNone()
    {
        await using var bot = DeepPurgeBot(production: false);
        bot.Queues.Add("rabbit", new QueueStats("orders", 1001, 1001, 0, 1));
        bot.Queues.Add("rabbit", new QueueStats("audit", 1000, 1000, 0, 1));

        var held = await bot.RunAsync("alice", "queue purge orders");

        held.Outcome.ShouldBe(Outcome.AwaitingApproval, held.Text);
        held.Text.ShouldContain("is held by policy (purging 1001 messages is more than 1000 (ChatOps:Policies:Limits:MaxPurgeDepthWithoutExtraApprover): one more approver)");
        held.Text.ShouldContain("needs approval by another person");
        bot.Queues.Purged.ShouldBeEmpty();
        (await bot.RunAsync("alice", "queue purge audit")).Outcome.ShouldBe(Outcome.Succeeded, "at the limit is not above it");
        (await bot.RunAsync("bob", $"approve {held.Reference}")).Outcome.ShouldBe(Outcome.Succeeded);
        bot.Queues.Purged.ShouldBe(["rabbit/audit", "rabbit/orders"]);
    }

    [Fact]
    public async Task APurgeDeeperThanTheLimit_OnProduction_NeedsOneMoreThanUsual()
    {
        await using var bot = DeepPurgeBot(production: true);
        bot.Queues.Add("rabbit", new QueueStats("orders", 5000, 5000, 0, 1));

        var held = await bot.RunAsync("alice", "queue purge orders");

        held.Text.ShouldContain("needs approval by 2 other people holding admin there");
        (await bot.Store.GetAsync(held.Reference!, CancellationToken.None))!.RequiredApprovers.ShouldBe(2);
        (await bot.RunAsync("bob", $"approve {held.Reference}")).Text.ShouldContain("(1 of 2)");
        bot.Queues.Purged.ShouldBeEmpty();
        (await bot.RunAsync("alice", "policy test queue purge orders")).Text
            .ShouldContain("approvals: 2 × admin on rabbit, not the requester (policy: purging 5000 messages is more than 1000");
    }

    [Fact]
    public async Task ADryRun_IsNeverHeld_ButShowsTheRulesTheCommandWouldMeet()
    {
        await using var bot = TestBot.Create(s =>
        {
            TwoAdmins(s);
            PolicyPipelineTests.Frozen(s);
        });

        var preview = await bot.RunAsync("alice", $"{ScaleDown} --dry-run");

        preview.Outcome.ShouldBe(Outcome.Succeeded, preview.Text);
        preview.Text.ShouldContain("\nif run, policy: refused: change freeze 'black-friday'");
        preview.Text.ShouldContain("\nif run, policy: approval rule 'prod scales' (admin holders) asks for 2 approvals");
        (await bot.Store.CountPendingAsync(bot.Clock.GetUtcNow(), CancellationToken.None)).ShouldBe(0);
    }

    /// <summary>
    /// The run checks the binding once more: a quorum another replica completed just before the rule changed (so no
    /// vote saw the change) still runs nothing.
    /// </summary>
    [Fact]
    public async Task AQuorumReachedJustBeforeTheRuleChanged_RunsNothing()
    {
        await using var bot = TestBot.Create(TwoAdmins);
        var id = await QuorumAsync(bot);
        bot.Reconfigure($"{Rule}:Approvals", "3");

        var result = await RunApprovedAsync(bot, id);

        result.Text.ShouldStartWith($"denied: the policy rules that apply to this request changed while {id} waited; nothing was run");
        bot.Kube.Calls.ShouldNotContain(c => c.StartsWith("scale ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnApproverTheRuleNoLongerAdmits_WhenItRuns_RunsNothing()
    {
        await using var bot = TestBot.Create(TwoAdmins);
        var id = await QuorumAsync(bot);
        bot.Reconfigure("ChatOps:Roles:Bindings:5:Role", "operator");

        var result = await RunApprovedAsync(bot, id);

        result.Text.ShouldBe("denied: approver console:frank is no longer admitted by approval rule 'prod scales' (admin holders); nothing was run");
        bot.Kube.Calls.ShouldNotContain(c => c.StartsWith("scale ", StringComparison.Ordinal));
    }

    /// <summary>bob and frank approve alice's scale-down in the store, as a vote on another replica would.</summary>
    private static async Task<string> QuorumAsync(TestBot bot)
    {
        var id = (await bot.RunAsync("alice", ScaleDown)).Reference!;
        var now = bot.Clock.GetUtcNow();
        await bot.Store.VoteAsync(id, "console:bob", now, CancellationToken.None);
        (await bot.Store.VoteAsync(id, "console:frank", now, CancellationToken.None)).Outcome.ShouldBe(VoteOutcome.ReadyToExecute);
        return id;
    }

    /// <summary>The approved request, rebuilt and sent through the pipeline with its grant, as the approving replica does.</summary>
    private static async Task<OperationResult> RunApprovedAsync(TestBot bot, string id)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var approval = (await bot.Store.GetAsync(id, CancellationToken.None))!;
        var parsed = scope.ServiceProvider.GetRequiredService<CommandParser>()
            .Parse(approval.CanonicalCommand, bot.Context("alice"), new ApprovalGrant(id, approval.Approvers));
        return await scope.ServiceProvider.GetRequiredService<IOperationRunner>().RunAsync(parsed.Operation!, CancellationToken.None);
    }
}
