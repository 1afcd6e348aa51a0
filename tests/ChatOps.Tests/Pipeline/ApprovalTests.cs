using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Parsing;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Pipeline;

public sealed class ApprovalTests
{
    private const string Dangerous = "test-scale web 0 --cluster prod-eks";

    private static async Task<(TestBot Bot, string Id)> RequestAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var bot = TestBot.Create(configure);
        var result = await bot.RunAsync("dave", Dangerous);
        result.Outcome.ShouldBe(Outcome.AwaitingApproval);
        return (bot, result.Reference!);
    }

    [Fact]
    public async Task DangerousOnProduction_BecomesPendingApproval_AndDoesNotRun()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;

        bot.Scale.Calls.ShouldBeEmpty();
        var approval = (await bot.Store.GetAsync(id, CancellationToken.None))!;
        approval.Status.ShouldBe(ApprovalStatus.Pending);
        approval.CanonicalCommand.ShouldBe("test-scale web 0 --cluster=prod-eks");
        approval.RequestHash.ShouldBe(ApprovalHash.Of(approval.CanonicalCommand));
        approval.ExpiresAt.ShouldBe(bot.Clock.GetUtcNow().AddMinutes(10));
        approval.RequiredRole.ShouldBe(Role.Operator);
        bot.Store.Entries[^1].Record.Decision.ShouldBe(AuditDecision.AwaitingApproval);
        bot.Store.Outbox.ShouldContain(o => o.Plain().StartsWith("[awaiting approval] dave", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotDangerous_OrNotProduction_RunsWithoutApproval()
    {
        await using var bot = TestBot.Create();

        (await bot.RunAsync("dave", "test-scale web 2 --cluster prod-eks")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("alice", "test-scale web 0 --cluster staging")).Outcome.ShouldBe(Outcome.Succeeded);
        bot.Scale.Calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Approve_BySecondPersonWithRole_RunsTheExactRequestOnce()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;

        var result = await bot.RunAsync("alice", $"approve {id}");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        result.Text.ShouldStartWith($"{id} approved by console:alice; ran `test-scale web 0 --cluster=prod-eks` for dave:");
        var run = bot.Scale.Calls.ShouldHaveSingleItem();
        run.Context.UserId.ShouldBe("dave");
        run.Approval!.ApprovalId.ShouldBe(id);
        (await bot.Store.GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Executed);
        var execution = bot.Store.Entries.Select(e => e.Record).Last(r => r.RequestId == $"{id}.run");
        execution.Approver.ShouldBe("console:alice");
        execution.Outcome.ShouldBe(AuditOutcome.Succeeded);
    }

    [Fact]
    public async Task Approve_OwnRequest_IsRefused()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;

        var result = await bot.RunAsync("dave", $"approve {id}");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe($"you cannot approve your own request; someone else holding operator on prod-eks/default must approve {id}");
        bot.Scale.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Approve_WithoutTheNeededRole_IsRefused()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;

        var result = await bot.RunAsync("carol", $"approve {id}");

        result.Text.ShouldBe($"approving {id} needs operator on prod-eks/default; you have viewer there");
        bot.Scale.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Approve_Twice_RunsOnce()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;

        await bot.RunAsync("alice", $"approve {id}");
        var second = await bot.RunAsync("bob", $"approve {id}");

        second.Outcome.ShouldBe(Outcome.Denied);
        second.Text.ShouldBe($"{id} was already approved by console:alice and executed");
        bot.Scale.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Approve_Concurrently_RunsOnce()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;

        var results = await Task.WhenAll(new[] { "alice", "bob", "erin", "alice", "bob", "erin", "alice", "bob" }
            .Select(u => Task.Run(() => bot.RunAsync(u, $"approve {id}"))));

        bot.Scale.Calls.Count.ShouldBe(1);
        results.Count(r => r.Outcome == Outcome.Succeeded).ShouldBe(1);
    }

    [Fact]
    public async Task Approve_AfterExpiry_IsRefused()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;
        bot.Clock.Advance(TimeSpan.FromMinutes(10));

        var result = await bot.RunAsync("alice", $"approve {id}");

        result.Text.ShouldBe($"{id} expired at 12:10 UTC; ask for it again");
        (await bot.Store.GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Expired);
        bot.Scale.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Approve_RechecksTheRequestersRole_AtExecution()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;
        bot.Reconfigure("ChatOps:Roles:Bindings:3:Role", "viewer");

        var result = await bot.RunAsync("alice", $"approve {id}");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldContain("denied: `test-scale` needs operator on prod-eks/default; console:dave has viewer there");
        bot.Scale.Calls.ShouldBeEmpty();
        (await bot.Store.GetAsync(id, CancellationToken.None))!.Status.ShouldBe(ApprovalStatus.Failed);
    }

    [Fact]
    public async Task Approve_RechecksEarlierApproversRoles_AtExecution()
    {
        var (bot, id) = await RequestAsync(s => s["ChatOps:Approvals:RequiredApprovers"] = "2");
        await using var _ = bot;

        var first = await bot.RunAsync("erin", $"approve {id}");
        first.Text.ShouldBe($"approval of {id} recorded (1 of 2); waiting for another approver");
        bot.Reconfigure("ChatOps:Roles:Bindings:4:Role", "viewer");
        var second = await bot.RunAsync("alice", $"approve {id}");

        second.Text.ShouldContain("approver console:erin no longer holds operator on prod-eks/default; nothing was run");
        bot.Scale.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Approve_SameApproverTwice_DoesNotCountTwice()
    {
        var (bot, id) = await RequestAsync(s => s["ChatOps:Approvals:RequiredApprovers"] = "2");
        await using var _ = bot;

        await bot.RunAsync("alice", $"approve {id}");
        var again = await bot.RunAsync("alice", $"approve {id}");

        again.Text.ShouldBe($"you have already approved {id}; another approver is needed");
        bot.Scale.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deny_StopsTheRequest_AndLaterApprovalIsRefused()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;

        var deny = await bot.RunAsync("bob", $"deny {id} not during the sale");
        var approve = await bot.RunAsync("alice", $"approve {id}");

        deny.Text.ShouldBe($"{id} (`test-scale web 0 --cluster=prod-eks`) denied by bob: not during the sale; nothing was run");
        approve.Text.ShouldBe($"{id} was denied by console:bob: not during the sale");
        bot.Scale.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deny_ByRequester_Withdraws_ButOthersNeedTheRole()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;

        (await bot.RunAsync("carol", $"deny {id}")).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("dave", $"deny {id}")).Text.ShouldContain("withdrawn by its requester");
    }

    [Fact]
    public async Task Approve_UnknownId_IsRefused()
    {
        await using var bot = TestBot.Create();

        (await bot.RunAsync("alice", "approve r-abc999")).Text.ShouldBe("there is no approval request r-abc999");
    }

    [Fact]
    public async Task ForgedGrant_WithoutAnExecutingApproval_IsRefused()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;
        var parser = bot.Services.GetRequiredService<CommandParser>();
        var operation = parser.Parse(Dangerous, bot.Context("dave"), new ApprovalGrant(id, ["console:alice"])).Operation!;

        await using var scope = bot.Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<IOperationRunner>();
        var result = await runner.RunAsync(operation, CancellationToken.None);

        result.Text.ShouldBe($"denied: approval {id} does not cover this request; nothing was run");
        bot.Scale.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task AGrant_ForSomeoneElsesExecutingApproval_IsRefused()
    {
        var (bot, id) = await RequestAsync();
        await using var _ = bot;
        (await bot.Store.VoteAsync(id, "console:carol", bot.Clock.GetUtcNow(), CancellationToken.None)).Outcome.ShouldBe(VoteOutcome.ReadyToExecute);
        var parser = bot.Services.GetRequiredService<CommandParser>();
        var operation = parser.Parse(Dangerous, bot.Context("alice"), new ApprovalGrant(id, ["console:carol"])).Operation!;

        await using var scope = bot.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IOperationRunner>().RunAsync(operation, CancellationToken.None);

        result.Text.ShouldBe($"denied: approval {id} does not cover this request; nothing was run", "dave's approval runs only dave's request");
        bot.Scale.Calls.ShouldBeEmpty();
    }
}
