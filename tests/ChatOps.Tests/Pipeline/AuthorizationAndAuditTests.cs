using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Audit;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Pipeline;

public sealed class AuthorizationAndAuditTests
{
    [Fact]
    public async Task Denied_NeverReachesHandler_AndIsAuditedAsDenied()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("carol", "test-scale web 3 --cluster staging");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe("denied: `test-scale` needs operator on staging/default; console:carol has viewer there");
        bot.Scale.Calls.ShouldBeEmpty();
        var last = bot.Store.Entries[^1].Record;
        last.Decision.ShouldBe(AuditDecision.Denied);
        last.Outcome.ShouldBe(AuditOutcome.NotRun);
        last.UserId.ShouldBe("carol");
        last.Target.ShouldBe("staging/default");
    }

    [Fact]
    public async Task UnknownUser_HasNoRole_AndIsDeniedEvenReadOnlyCommands()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("mallory", "audit --last 5");

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldContain("needs viewer (everywhere); console:mallory has no role there");
    }

    [Fact]
    public async Task ScopedBinding_GrantsOnlyItsTargetAndNamespace()
    {
        await using var bot = TestBot.Create();

        (await bot.RunAsync("erin", "test-scale web 3 --cluster prod-eks -n default")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("erin", "test-scale web 3 --cluster prod-eks -n billing")).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("erin", "test-scale web 3 --cluster staging")).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("erin", "audit")).Outcome.ShouldBe(Outcome.Denied, "a scoped binding never grants global commands");
        bot.Scale.Calls.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("audit --last 0", "--last must be between 1 and 200, not 0")]
    [InlineData("approve not-an-id", "'not-an-id' is not a request id (they look like r-k3x9m2p7qa)")]
    [InlineData("nonsense", "unknown command 'nonsense'; type `help` for the list")]
    public async Task Invalid_IsAnsweredWithReason_AndAuditedAsInvalid(string text, string reason)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.Split('\n')[0].ShouldBe(reason);
        var record = bot.Store.Entries[^1].Record;
        record.Decision.ShouldBe(AuditDecision.Invalid);
        record.RawText.ShouldBe(text);
    }

    [Fact]
    public async Task Mutating_IsWrittenBeforeTheHandlerRuns_ThenItsOutcome()
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", "test-scale deploy/web 3 -n shop");

        result.Outcome.ShouldBe(Outcome.Succeeded);
        bot.Scale.AuditEntriesSeenAtCall.ShouldBe(1, "the write-ahead record exists when the handler acts");
        var entries = bot.Store.Entries;
        entries.Count.ShouldBe(2);
        entries[0].Record.Outcome.ShouldBe(AuditOutcome.Started);
        entries[1].Record.Outcome.ShouldBe(AuditOutcome.Succeeded);
        entries[1].Record.RequestId.ShouldBe(entries[0].Record.RequestId);
        entries[1].Record.ParsedRequest.ShouldBe("test-scale web 3 --namespace=shop");
    }

    [Fact]
    public async Task AuditStoreDown_RefusesMutatingCommands_AndNeverCallsTheHandler()
    {
        await using var bot = TestBot.Create();
        bot.Store.Available = false;

        var scale = await bot.RunAsync("alice", "test-scale web 3");
        var approve = await bot.RunAsync("alice", "approve r-abc123");

        scale.Text.ShouldBe("audit store unavailable: nothing was changed");
        scale.Outcome.ShouldBe(Outcome.Failed);
        approve.Text.ShouldBe("audit store unavailable: nothing was changed");
        bot.Scale.AuditEntriesSeenAtCall.ShouldBe(-1, "the handler was never called");
    }

    [Fact]
    public async Task AuditStoreDown_ReadOnlyCommandsStillAnswer()
    {
        await using var bot = TestBot.Create();
        bot.Store.Available = false;

        var help = await bot.RunAsync("alice", "help");

        help.Outcome.ShouldBe(Outcome.Succeeded);
        help.Text.ShouldStartWith("Commands:");
    }

    [Fact]
    public async Task HandlerException_BecomesOneLineWithReference_AndIsAuditedAsFailed()
    {
        await using var bot = TestBot.Create();
        bot.Scale.Throw = new InvalidOperationException("secret-token-xyz leaked in a message");
        var context = bot.Context("alice");

        var result = await bot.Dispatcher.DispatchAsync("test-scale web 3", context, CancellationToken.None);

        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe($"`test-scale` failed unexpectedly. Reference: {context.CorrelationId}");
        result.Text.ShouldNotContain("secret-token-xyz");
        var record = bot.Store.Entries[^1].Record;
        record.Outcome.ShouldBe(AuditOutcome.Failed);
        record.Error.ShouldBe("internal error (InvalidOperationException)");
        record.RequestId.ShouldBe(context.CorrelationId);
    }

    [Fact]
    public async Task AuditLines_AreQueuedForMutationsAndDenials_NotForReadOnlyAnswers()
    {
        await using var bot = TestBot.Create();

        await bot.RunAsync("alice", "help");
        await bot.RunAsync("alice", "whoami");
        await bot.RunAsync("alice", "test-scale web 2");
        await bot.RunAsync("carol", "audit verify");

        bot.Store.Outbox.Select(o => o.Destination).ShouldBe(["slack:C-AUDIT", "slack:C-AUDIT"]);
        bot.Store.Outbox[0].Plain().ShouldStartWith("[ok] alice (console:alice) `test-scale web 2` on staging/default");
        bot.Store.Outbox[1].Plain().ShouldStartWith("[denied] carol (console:carol) `audit verify`");
    }

    [Fact]
    public async Task ShuttingDown_RefusesNewCommands()
    {
        await using var bot = TestBot.Create();
        var inFlight = bot.Services.GetRequiredService<InFlightCommands>();
        await inFlight.StopAndDrainAsync(CancellationToken.None);

        var result = await bot.RunAsync("alice", "test-scale web 1");

        result.Text.ShouldBe(CommandDispatcher.ShuttingDown);
        bot.Store.Entries.ShouldBeEmpty();
    }
}
