using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Pipeline;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Features.Audit;

public sealed class HeldAuditRecordsTests
{
    [Fact]
    public async Task StoreDown_ReadOnlyAnswersAndRefusalsAreHeld_ThenAppendedInOrderWhenItIsBack()
    {
        await using var bot = TestBot.Create();
        bot.Store.Available = false;

        var help = await bot.RunAsync("alice", "help");
        var scale = await bot.RunAsync("alice", "test-scale web 3");
        var whoami = await bot.RunAsync("carol", "whoami");
        bot.Store.Available = true;
        bot.Store.Entries.ShouldBeEmpty("nothing reached the store while it was down");
        var after = await bot.RunAsync("alice", "help");

        help.Outcome.ShouldBe(Outcome.Succeeded);
        whoami.Outcome.ShouldBe(Outcome.Succeeded);
        after.Outcome.ShouldBe(Outcome.Succeeded);
        scale.Text.ShouldBe(AuditBehavior<IOperation, OperationResult>.Unavailable);
        bot.Scale.AuditEntriesSeenAtCall.ShouldBe(-1, "the mutating command still fails closed");
        var records = bot.Store.Entries.Select(e => e.Record).ToList();
        records.Select(r => r.RawText).ShouldBe(["help", "test-scale web 3", "whoami", "help"]);
        records[1].Outcome.ShouldBe(AuditOutcome.NotRun);
        records[1].Error.ShouldBe(AuditBehavior<IOperation, OperationResult>.Unavailable);
        records.Select(r => r.RequestId).Distinct().Count().ShouldBe(4, "one record per answered command");
        (await bot.Store.VerifyAsync(CancellationToken.None)).IsIntact.ShouldBeTrue();
        bot.Services.GetRequiredService<PendingAuditRecords>().Held.ShouldBe(0);
    }

    [Fact]
    public async Task StoreDown_WhenTheBufferIsFull_CommandsAreRefusedBeforeTheyRun()
    {
        await using var bot = TestBot.Create(s => s["ChatOps:Audit:PendingLimit"] = "2");
        bot.Store.Available = false;

        (await bot.RunAsync("alice", "help")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("alice", "whoami")).Outcome.ShouldBe(Outcome.Succeeded);
        var refused = await bot.RunAsync("alice", "help");
        var scale = await bot.RunAsync("alice", "test-scale web 3");

        refused.Outcome.ShouldBe(Outcome.Failed);
        refused.Text.ShouldBe(AuditBehavior<IOperation, OperationResult>.PendingFull);
        scale.Text.ShouldBe(AuditBehavior<IOperation, OperationResult>.PendingFull);
        bot.Scale.AuditEntriesSeenAtCall.ShouldBe(-1);

        bot.Store.Available = true;
        (await bot.Services.GetRequiredService<PendingAuditRecords>().FlushAsync(CancellationToken.None)).ShouldBeTrue();
        bot.Store.Entries.Select(e => e.Record.RawText).ShouldBe(["help", "whoami"]);
        (await bot.RunAsync("alice", "help")).Outcome.ShouldBe(Outcome.Succeeded, "the slots are free again");
    }

    [Fact]
    public async Task StoreDownAfterTheWriteAhead_TheOutcomeIsHeld_AndTheAnswerSaysSo()
    {
        await using var bot = TestBot.Create();
        bot.Scale.OnCall = () => bot.Store.Available = false;

        var scale = await bot.RunAsync("alice", "test-scale web 3");

        scale.Outcome.ShouldBe(Outcome.Succeeded);
        scale.Text.ShouldEndWith(AuditBehavior<IOperation, OperationResult>.OutcomeHeld);
        bot.Store.Entries.Select(e => e.Record.Outcome).ShouldBe([AuditOutcome.Started]);
        bot.Store.Available = true;
        await bot.Services.GetRequiredService<PendingAuditRecords>().FlushAsync(CancellationToken.None);
        bot.Store.Entries.Select(e => e.Record.Outcome).ShouldBe([AuditOutcome.Started, AuditOutcome.Succeeded]);
    }
}
