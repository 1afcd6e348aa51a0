using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Hosting;
using ChatOps.Bot.Pipeline;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOps.Tests.Pipeline;

/// <summary>Hostile text at the door, and records the store refuses: one line back, the audit intact, nothing wedged.</summary>
public sealed class AuditInputTests
{
    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task NulInACommand_IsRefusedWithOneLine_AndAuditedInSafeForm()
    {
        await using var bot = TestBot.Create();

        var refused = await bot.RunAsync("mallory", "whoami a\0b");
        var scale = await bot.RunAsync("alice", "test-scale web 3");

        refused.Outcome.ShouldBe(Outcome.Invalid);
        refused.Text.ShouldBe("refused: the command contains U+0000 (a control character) at character 9; nothing was run");
        var record = bot.Store.Entries[0].Record;
        record.RawText.ShouldBe("whoami a\\u0000b");
        record.Decision.ShouldBe(AuditDecision.Invalid);
        scale.Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.Store.VerifyAsync(CancellationToken.None)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task ControlCharactersInTheUserName_AreEscaped_NotRefused()
    {
        await using var bot = TestBot.Create();

        var result = await bot.Dispatcher.DispatchAsync(
            "help", bot.Context("alice") with { UserName = "ali\0ce\u202E", ChannelId = "C\u0001" }, CancellationToken.None);

        result.Outcome.ShouldBe(Outcome.Succeeded);
        var record = bot.Store.Entries[0].Record;
        record.UserName.ShouldBe("ali\\u0000ce\\u202e");
        record.ChannelId.ShouldBe("C\\u0001");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task WriteAheadRecord_SaysPending_BeforeAuthorizationHasRun()
    {
        await using var bot = TestBot.Create();

        var denied = await bot.RunAsync("carol", "test-scale web 3");

        denied.Outcome.ShouldBe(Outcome.Denied);
        bot.Store.Entries.Select(e => (e.Record.Decision, e.Record.Outcome)).ShouldBe(
            [(AuditDecision.Pending, AuditOutcome.Started), (AuditDecision.Denied, AuditOutcome.NotRun)]);
        AuditLines.Render(bot.Store.Entries[0].Record with { Outcome = AuditOutcome.NotRun }).ToString().ShouldStartWith("[not run]");
        ShowAuditHandler.Describe(bot.Store.Entries[0].Record).ShouldBe("started, outcome unknown");
        ShowAuditHandler.Describe(bot.Store.Entries[0].Record with { Outcome = AuditOutcome.NotRun }).ShouldBe("not run");
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task RecordTheStoreRefuses_IsSetAsideAsPoison_AndLaterCommandsRun()
    {
        await using var bot = TestBot.Create();
        bot.Store.Refuses = r => r.UserName.Contains('ø', StringComparison.Ordinal);
        var bjorn = bot.Context("alice") with { UserName = "bjørn" };

        var readOnly = await bot.Dispatcher.DispatchAsync("whoami", bjorn, CancellationToken.None);
        var mutating = await bot.Dispatcher.DispatchAsync("test-scale web 3", bjorn with { CorrelationId = "r-2" }, CancellationToken.None);
        var after = await bot.RunAsync("alice", "test-scale web 3");

        readOnly.Outcome.ShouldBe(Outcome.Succeeded, "a read-only answer stands; only its record is set aside");
        mutating.Text.ShouldBe(AuditBehavior<IOperation, OperationResult>.Refused);
        after.Outcome.ShouldBe(Outcome.Succeeded);
        bot.Scale.AuditEntriesSeenAtCall.ShouldBe(3, "the refused write-ahead record kept its command from running");
        var records = bot.Store.Entries.Select(e => e.Record).ToList();
        records.Count.ShouldBe(4);
        records[0].Error.ShouldStartWith(AuditPoison.Prefix + "in-memory audit store refused the record");
        records[1].Outcome.ShouldBe(AuditOutcome.NotRun);
        records[1].Error.ShouldStartWith(AuditPoison.Prefix);
        bot.Services.GetRequiredService<PendingAuditRecords>().Held.ShouldBe(0);
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task HeldRecordTheStoreRefuses_DoesNotWedgeTheRecordsBehindIt()
    {
        await using var bot = TestBot.Create();
        var pending = bot.Services.GetRequiredService<PendingAuditRecords>();
        bot.Store.Available = false;
        await bot.RunAsync("alice", "help");
        await bot.RunAsync("alice", "whoami pøison");
        await bot.RunAsync("alice", "whoami");
        bot.Store.Available = true;
        bot.Store.Refuses = r => r.RawText.Contains('ø', StringComparison.Ordinal);

        (await pending.FlushAsync(CancellationToken.None)).ShouldBeTrue();
        var scale = await bot.RunAsync("alice", "test-scale web 3");

        scale.Outcome.ShouldBe(Outcome.Succeeded);
        var records = bot.Store.Entries.Select(e => e.Record).ToList();
        records.Select(r => r.RawText).ShouldBe(["help", "whoami p\\u00f8ison", "whoami", "test-scale web 3", "test-scale web 3"]);
        records[1].Error.ShouldStartWith(AuditPoison.Prefix);
        pending.Held.ShouldBe(0);
        (await bot.Store.VerifyAsync(CancellationToken.None)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task Readiness_IsUnhealthy_WhileAppendsFailAndRecordsAreHeld()
    {
        await using var bot = TestBot.Create();
        var pending = bot.Services.GetRequiredService<PendingAuditRecords>();
        var check = new StoreHealthCheck(bot.Store, pending);
        bot.Store.Available = false;
        await bot.RunAsync("alice", "help");
        bot.Store.Available = true; // answers a ping again, but nothing has written the held record yet

        var whileHeld = await check.CheckHealthAsync(new HealthCheckContext());
        await pending.FlushAsync(CancellationToken.None);
        var afterFlush = await check.CheckHealthAsync(new HealthCheckContext());

        whileHeld.Status.ShouldBe(HealthStatus.Unhealthy);
        whileHeld.Description.ShouldBe("audit store not accepting appends: 1 record(s) held in memory");
        afterFlush.Status.ShouldBe(HealthStatus.Healthy);
    }
}
