using System.Globalization;
using ChatOps.Bot.Core;
using ChatOps.Bot.Dispatch;
using ChatOps.Bot.Features.Audit;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Dispatch;

/// <summary>
/// Admission control (issue 19): at most <c>ChatOps:Dispatch:MaxInFlight</c> commands run at once; the next one is
/// answered "busy" at once, counted, and audited as <c>refused: overloaded</c> through the held records.
/// </summary>
public sealed class AdmissionTests
{
    private const string Overloaded = "chatops_commands_overloaded_total{platform=\"console\"}";

    private static TestBot Create(int maxInFlight, Action<Dictionary<string, string?>>? more = null) => TestBot.Create(s =>
    {
        s["ChatOps:Dispatch:MaxInFlight"] = maxInFlight.ToString(CultureInfo.InvariantCulture);
        more?.Invoke(s);
    });

    private static async Task WaitForStartedAsync(TestBot bot, int calls)
    {
        // The commands run on the thread pool until they reach the gate; no clock is involved, only their progress.
        for (var i = 0; i < 1000 && bot.Scale.Started < calls; i++)
        {
            await Task.Yield();
            await Task.Delay(1);
        }

        bot.Scale.Started.ShouldBe(calls);
    }

    private static InFlightCommands InFlight(TestBot bot) => bot.Services.GetRequiredService<InFlightCommands>();

    private static async Task<IReadOnlyList<AuditRecord>> FlushedAuditAsync(TestBot bot)
    {
        (await bot.Services.GetRequiredService<PendingAuditRecords>().FlushAsync(CancellationToken.None)).ShouldBeTrue();
        return bot.Store.Entries.Select(e => e.Record).ToList();
    }

    [Fact]
    public async Task ThirdConcurrentCommand_IsAnsweredBusyAtOnce_Audited_Counted_AndANewOneIsAdmittedOnceOneEnds()
    {
        await using var bot = Create(maxInFlight: 2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bot.Scale.Gate = gate.Task;
        var first = bot.RunAsync("alice", "test-scale web 3");
        var second = bot.RunAsync("bob", "test-scale api 2");
        await WaitForStartedAsync(bot, 2);

        var third = bot.RunAsync("alice", "test-scale db 1");

        third.IsCompleted.ShouldBeTrue("a busy bot answers at once, without queueing");
        var busy = await third;
        busy.Outcome.ShouldBe(Outcome.Failed);
        busy.Visibility.ShouldBe(Visibility.Ephemeral);
        busy.Text.ShouldBe(CommandDispatcher.Busy);
        bot.Scale.Started.ShouldBe(2, "the refused command never reached its handler");
        (await bot.Metrics.ValueAsync(Overloaded)).ShouldBe(1);
        var refusal = (await FlushedAuditAsync(bot)).Where(r => r.Error == IOverloadAudit.Error).ShouldHaveSingleItem();
        (refusal.UserId, refusal.RawText, refusal.Decision, refusal.Outcome).ShouldBe(("alice", "test-scale db 1", AuditDecision.Denied, AuditOutcome.NotRun));
        bot.Store.Outbox.ShouldNotContain(m => m.Text.Contains("overloaded", StringComparison.Ordinal), "refusals come in floods: no audit-channel line each");

        gate.SetResult();
        (await first).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("alice", "test-scale db 1")).Outcome.ShouldBe(Outcome.Succeeded, "a finished command frees its slot");
        (await second).Outcome.ShouldBe(Outcome.Succeeded);
        InFlight(bot).Count.ShouldBe(0);
        (await bot.Metrics.ValueAsync(Overloaded)).ShouldBe(1);
    }

    [Fact]
    public async Task ACommandThatThrows_GivesItsSlotBack()
    {
        await using var bot = Create(maxInFlight: 1);
        bot.Scale.Throw = new InvalidOperationException("boom");

        (await bot.RunAsync("alice", "test-scale web 3")).Outcome.ShouldBe(Outcome.Failed, "the pipeline maps the exception to an answer");

        InFlight(bot).Count.ShouldBe(0);
        bot.Scale.Throw = null;
        (await bot.RunAsync("alice", "test-scale web 3")).Outcome.ShouldBe(Outcome.Succeeded, "the one slot is free again");
    }

    [Fact]
    public async Task AnExceptionThatEscapesThePipeline_GivesItsSlotBack_AndReachesTheCaller()
    {
        // The pipeline maps a handler's exception to an answer; this one comes from behind it (the runner itself),
        // so only the dispatcher's own release stands between it and a slot lost for good.
        await using var bot = Create(maxInFlight: 1);
        var runners = new ServiceCollection()
            .AddLogging()
            .AddScoped<ProgressRelay>()
            .AddScoped<IOperationRunner, ThrowingRunner>()
            .BuildServiceProvider();
        await using var _ = runners;
        var dispatcher = ActivatorUtilities.CreateInstance<CommandDispatcher>(bot.Services, runners.GetRequiredService<IServiceScopeFactory>());

        var thrown = await Should.ThrowAsync<InvalidOperationException>(() => dispatcher.DispatchAsync("whoami", bot.Context("alice"), CancellationToken.None));

        thrown.Message.ShouldBe(ThrowingRunner.Message);
        InFlight(bot).Count.ShouldBe(0);
        (await bot.RunAsync("alice", "whoami")).Outcome.ShouldBe(Outcome.Succeeded, "the one slot is free again");
    }

    [Fact]
    public async Task ACancelledCommand_GivesItsSlotBack()
    {
        await using var bot = Create(maxInFlight: 1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bot.Scale.Gate = gate.Task;
        using var cancel = new CancellationTokenSource();
        var running = bot.Dispatcher.DispatchAsync("test-scale web 3", bot.Context("alice"), cancel.Token);
        await WaitForStartedAsync(bot, 1);

        await cancel.CancelAsync();
        gate.SetCanceled(cancel.Token);
        await Should.NotThrowAsync(async () => await running.ContinueWith(_ => { }, TaskScheduler.Default));
        running.IsCompleted.ShouldBeTrue();

        InFlight(bot).Count.ShouldBe(0);
        bot.Scale.Gate = null;
        (await bot.RunAsync("alice", "whoami")).Outcome.ShouldBe(Outcome.Succeeded);
    }

    [Fact]
    public async Task ATicketGivenBackTwice_ReleasesOneSlot_AndACountNeverGoesNegative()
    {
        await using var bot = Create(maxInFlight: 2);
        var a = bot.Dispatcher.Admit("whoami", bot.Context("alice"));
        var b = bot.Dispatcher.Admit("whoami", bot.Context("bob"));
        InFlight(bot).Count.ShouldBe(2);

        a.Dispose();
        a.Dispose();
        (await bot.Dispatcher.RunAsync(a, CancellationToken.None)).Outcome.ShouldBe(Outcome.Succeeded, "the admitted command still runs");

        InFlight(bot).Count.ShouldBe(1, "b still holds its slot");
        (await bot.Dispatcher.RunAsync(b, CancellationToken.None)).Outcome.ShouldBe(Outcome.Succeeded);
        InFlight(bot).Count.ShouldBe(0);
    }

    [Fact]
    public async Task Refusals_NeverTakeTheHeldRecordSlotsOfAdmittedCommands_AndTheUnauditedOnesAreCounted()
    {
        // 3 slots, 1 kept for the one command that may run: the store is "down" for spare records beyond that.
        await using var bot = Create(maxInFlight: 1, s => s["ChatOps:Audit:PendingLimit"] = "3");
        var ticket = bot.Dispatcher.Admit("whoami", bot.Context("alice"));

        (await bot.RunAsync("bob", "whoami")).Text.ShouldBe(CommandDispatcher.Busy);
        (await bot.RunAsync("bob", "whoami")).Text.ShouldBe(CommandDispatcher.Busy);
        (await bot.RunAsync("bob", "whoami")).Text.ShouldBe(CommandDispatcher.Busy);

        (await bot.Metrics.ValueAsync("chatops_overload_refusals_unaudited_total")).ShouldBe(1);
        bot.Services.GetRequiredService<PendingAuditRecords>().Stalled.ShouldBe(0, "held refusals do not make the store look down");
        (await bot.Dispatcher.RunAsync(ticket, CancellationToken.None)).Outcome.ShouldBe(Outcome.Succeeded, "its audit slot was kept free");
        (await FlushedAuditAsync(bot)).Count(r => r.Error == IOverloadAudit.Error).ShouldBe(2);
    }

    [Fact]
    public async Task Shutdown_StillAnswersShuttingDown_NotBusy()
    {
        await using var bot = Create(maxInFlight: 1);
        await InFlight(bot).StopAndDrainAsync(CancellationToken.None);

        (await bot.RunAsync("alice", "whoami")).Text.ShouldBe(CommandDispatcher.ShuttingDown);
        (await bot.Metrics.ValueAsync(Overloaded)).ShouldBe(0);
    }

    private sealed class ThrowingRunner : IOperationRunner
    {
        public const string Message = "the runner failed outside the pipeline";

        public ValueTask<OperationResult> RunAsync(IOperation operation, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Message);
    }
}
