using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Silences;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Features.Silences;

public sealed class ResolvedSilenceExpirerTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task UntilResolvedSilence_StaysWhileItsAlertFires_AndIsExpiredOnceNoneDoes()
    {
        await using var bot = SilenceBots.Create();
        var alert = SilenceBots.Alert("HighErrorRate", "shop");
        bot.Silences.Firing.Add(alert);
        var created = await bot.RunAsync("alice", "silence HighErrorRate --for 4h --until-resolved");
        created.Outcome.ShouldBe(Outcome.Succeeded, created.Text);
        var expirer = bot.Services.GetRequiredService<ResolvedSilenceExpirer>();

        (await expirer.SweepAsync(Ct)).ShouldBe(0);
        (await bot.Silences.GetAsync("am", created.Reference!, Ct))!.IsExpired.ShouldBeFalse();

        bot.Silences.Firing.Remove(alert);
        bot.Clock.Advance(TimeSpan.FromMinutes(1));

        (await expirer.SweepAsync(Ct)).ShouldBe(1);
        (await bot.Silences.GetAsync("am", created.Reference!, Ct))!.IsExpired.ShouldBeTrue();
        (await expirer.SweepAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task AnOrdinarySilence_IsNeverExpiredEarly_EvenWithNothingFiring()
    {
        await using var bot = SilenceBots.Create();
        var created = await bot.RunAsync("alice", "silence HighErrorRate --for 4h --comment \"maintenance window\"");
        created.Outcome.ShouldBe(Outcome.Succeeded, created.Text);

        (await bot.Services.GetRequiredService<ResolvedSilenceExpirer>().SweepAsync(Ct)).ShouldBe(0);

        (await bot.Silences.GetAsync("am", created.Reference!, Ct))!.IsExpired.ShouldBeFalse();
    }

    [Fact]
    public async Task AlertmanagerDown_LeavesTheSilenceAlone_AndDoesNotThrow()
    {
        await using var bot = SilenceBots.Create();
        var created = await bot.RunAsync("alice", "silence HighErrorRate --for 4h --until-resolved");
        bot.Silences.Down = true;

        (await bot.Services.GetRequiredService<ResolvedSilenceExpirer>().SweepAsync(Ct)).ShouldBe(0);

        bot.Silences.Down = false;
        (await bot.Silences.GetAsync("am", created.Reference!, Ct))!.IsExpired.ShouldBeFalse();
    }
    [Fact]
    public async Task AnEarlyExpiry_IsAudited_WriteAheadThenOutcome_AndPostedToTheAuditChannel()
    {
        await using var bot = SilenceBots.Create();
        var created = await bot.RunAsync("alice", "silence HighErrorRate --for 4h --until-resolved");
        var lines = bot.Store.Outbox.Count;

        (await bot.Services.GetRequiredService<ResolvedSilenceExpirer>().SweepAsync(Ct)).ShouldBe(1);

        var command = $"silence expire {created.Reference} --alertmanager am";
        var records = bot.Store.Entries.Select(e => e.Record).Where(r => r.UserId == SilenceExpiryAudit.Actor).ToList();
        records.Select(r => (r.Decision, r.Outcome)).ShouldBe([(AuditDecision.Pending, AuditOutcome.Started), (AuditDecision.Allowed, AuditOutcome.Succeeded)]);
        records.ShouldAllBe(r => r.ParsedRequest == command && r.Platform == SilenceExpiryAudit.Platform && r.Target == "am");
        records[0].RequestId.ShouldBe(records[1].RequestId);
        bot.Store.Outbox.Skip(lines).ShouldContain(m => m.Text.Contains(command, StringComparison.Ordinal) && m.Text.Contains("until-resolved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditStoreDown_ExpiresNothing_BecauseNothingMayChangeUnaudited()
    {
        await using var bot = SilenceBots.Create();
        var created = await bot.RunAsync("alice", "silence HighErrorRate --for 4h --until-resolved");
        bot.Store.Available = false;

        (await bot.Services.GetRequiredService<ResolvedSilenceExpirer>().SweepAsync(Ct)).ShouldBe(0);

        (await bot.Silences.GetAsync("am", created.Reference!, Ct))!.IsExpired.ShouldBeFalse();
    }

    [Fact]
    public async Task ASilenceSomeoneElseExpiredFirst_IsRecordedAsNotRun_WithoutASecondChannelLine()
    {
        await using var bot = SilenceBots.Create();
        var created = await bot.RunAsync("alice", "silence HighErrorRate --for 4h --until-resolved");
        var audit = bot.Services.GetRequiredService<SilenceExpiryAudit>();
        var lines = bot.Store.Outbox.Count;

        (await audit.ExpireAsync("am", created.Reference!, () => Task.FromResult(false), Ct)).ShouldBeFalse();

        bot.Store.Entries.Select(e => e.Record).Last().ShouldSatisfyAllConditions(
            r => r.Outcome.ShouldBe(AuditOutcome.NotRun),
            r => r.Error.ShouldBe("already expired"));
        bot.Store.Outbox.Count.ShouldBe(lines);
    }
}
