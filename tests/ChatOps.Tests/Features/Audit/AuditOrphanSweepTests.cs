using ChatOps.Bot.Features.Audit;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Features.Audit;

public sealed class AuditOrphanSweepTests
{
    private static AuditRecord Started(string id, DateTimeOffset at) => new(
        id, AuditChain.Normalize(at), "console", "alice", "alice", "console", "test-scale web 3", "test-scale web 3 --namespace=default",
        null, AuditDecision.Allowed, null, AuditOutcome.Started, null, 0, id);

    [Fact]
    public async Task Sweep_MarksOnlyOldStartedRequests_AsOutcomeUnknown_AppendingUnderTheSameId()
    {
        await using var bot = TestBot.Create(s => s["ChatOps:Audit:OrphanAfter"] = "00:15:00");
        var sweep = bot.Services.GetRequiredService<AuditOrphanSweep>();
        await bot.Store.AppendAsync(Started("r-orphan", bot.Clock.GetUtcNow()), [], CancellationToken.None);
        bot.Clock.Advance(TimeSpan.FromMinutes(20));
        await bot.Store.AppendAsync(Started("r-running", bot.Clock.GetUtcNow()), [], CancellationToken.None);
        (await bot.RunAsync("alice", "help")).IsSuccess.ShouldBeTrue();

        var marked = await sweep.SweepAsync(CancellationToken.None);
        var again = await sweep.SweepAsync(CancellationToken.None);

        marked.ShouldBe(1);
        again.ShouldBe(0, "a marked request is no longer Started");
        var last = bot.Store.Entries[^1].Record;
        last.RequestId.ShouldBe("r-orphan");
        last.Outcome.ShouldBe(AuditOutcome.Unknown);
        last.Error.ShouldBe(AuditOrphanSweep.ProcessEnded);
        bot.Store.Entries.Count.ShouldBe(4, "appended, nothing rewritten");
        (await bot.Store.VerifyAsync(CancellationToken.None)).IsIntact.ShouldBeTrue();
        var audit = await bot.RunAsync("alice", "audit --last 5");
        audit.Text.ShouldContain($"outcome unknown ({AuditOrphanSweep.ProcessEnded})");
    }
}
