using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Queues;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Pipeline;

/// <summary>
/// What the behaviour order promises, shown through the real parser, mediator and behaviours: a person without the
/// role never gets as far as the two-person rule, and a malformed request is refused before either.
/// </summary>
public sealed class GuardOrderTests
{
    private const string ScaleToZero = "scale web 0 --cluster prod-eks";
    private const string Purge = "queue purge orders";

    /// <summary>mallory holds no role at all; carol is a viewer everywhere.</summary>
    public static TheoryData<string, string> UnprivilegedDangerousRequests => new()
    {
        { "mallory", ScaleToZero },
        { "mallory", Purge },
        { "carol", ScaleToZero },
        { "carol", Purge },
    };

    /// <summary>
    /// Dangerous on a production target, and refused by its validator (the parser accepts them): both a count and
    /// --by, and a queue name longer than RabbitMQ allows.
    /// </summary>
    public static TheoryData<string, string> InvalidDangerousRequests => new()
    {
        { "mallory", "scale web 0 --by 2 --cluster prod-eks" },
        { "mallory", LongPurge },
        { "carol", LongPurge },
        { "alice", "scale web 0 --by 2 --cluster prod-eks" },
        { "alice", LongPurge },
    };

    private static string LongPurge => "queue purge " + new string('q', QueueRules.MaxNameBytes + 1);

    [Theory]
    [Trait("Category", "Adversarial")]
    [MemberData(nameof(UnprivilegedDangerousRequests))]
    public async Task DangerousProductionRequest_WithoutTheRole_IsDenied_BeforeAnApprovalOrAnyPortCall(string user, string text)
    {
        await using var bot = ProductionBot();

        var result = await bot.RunAsync(user, text);

        result.Outcome.ShouldBe(Outcome.Denied, result.Text);
        result.Text.ShouldStartWith("denied: ");
        result.Reference.ShouldBeNull("no approval request was opened");
        (await PendingAsync(bot)).ShouldBe(0);
        bot.Kube.Calls.ShouldBeEmpty("not even the deployment is read");
        bot.Queues.Calls.ShouldBeEmpty("not even the queue depth is read for an approval preview");
        bot.Store.Entries[^1].Record.Decision.ShouldBe(AuditDecision.Denied);
    }

    [Theory]
    [Trait("Category", "Adversarial")]
    [MemberData(nameof(InvalidDangerousRequests))]
    public async Task InvalidDangerousProductionRequest_IsRefusedAsInvalid_WhoeverAsks_BeforeAnApprovalOrAnyPortCall(string user, string text)
    {
        await using var bot = ProductionBot();

        var result = await bot.RunAsync(user, text);

        // Validation comes first: the answer is about the request, whoever sends it, and an admin's malformed
        // request never becomes something approvers are asked to sign.
        result.Outcome.ShouldBe(Outcome.Invalid, result.Text);
        (await PendingAsync(bot)).ShouldBe(0);
        bot.Kube.Calls.ShouldBeEmpty();
        bot.Queues.Calls.ShouldBeEmpty();
        bot.Store.Entries[^1].Record.Decision.ShouldBe(AuditDecision.Invalid);
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task DangerousProductionRequest_WithTheRole_StillBecomesAPendingApproval()
    {
        // The control for the denials above: the same requests from an admin do reach the two-person rule.
        await using var bot = ProductionBot();

        (await bot.RunAsync("alice", ScaleToZero)).Outcome.ShouldBe(Outcome.AwaitingApproval);
        (await bot.RunAsync("alice", Purge)).Outcome.ShouldBe(Outcome.AwaitingApproval);

        (await PendingAsync(bot)).ShouldBe(2);
        bot.Kube.Calls.ShouldBe(["status prod-eks/default/web"], "the approval preview reads the deployment, and nothing scales");
        bot.Queues.Calls.ShouldBe(["get rabbit/orders"], "the approval preview reads the depth, and nothing purges");
    }

    private static TestBot ProductionBot()
    {
        var bot = TestBot.Create(s => TestBot.WithBroker(s, "rabbit", production: true));
        bot.Queues.Add("rabbit", new QueueStats("orders", 42, 40, 2, 0));
        return bot;
    }

    private static Task<int> PendingAsync(TestBot bot) => bot.Store.CountPendingAsync(bot.Clock.GetUtcNow(), CancellationToken.None);
}
