using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit.Outbox;
using ChatOps.Bot.Features.BreakGlass;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Features.BreakGlass;

/// <summary>An elevation that ends on its own is announced where its grant was, once, and only when it really expired.</summary>
public sealed class ElevationExpiryTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task AnExpiry_IsAnnouncedOnce_InTheAuditAndSecurityChannels_AtItsEnd_EvenWithTwoReplicas()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true, s => s["ChatOps:Audit:SecurityChannel"] = "slack:C-SEC");
        var id = (await bot.RunAsync("carol", "elevate admin --for 1h --reason \"db failover\" --scope prod-eks/billing")).Reference!;
        var announcer = bot.Services.GetRequiredService<ElevationExpiryAnnouncer>();
        var replica = SecondReplica(bot);
        var before = bot.Store.Outbox.Count;

        bot.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromMicroseconds(1));
        (await announcer.RunOnceAsync(Ct)).ShouldBeEmpty("one microsecond before its end it is still live");
        bot.Clock.Advance(TimeSpan.FromMicroseconds(1));
        var first = await announcer.RunOnceAsync(Ct);
        var second = await replica.RunOnceAsync(Ct);
        bot.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await announcer.RunOnceAsync(Ct);

        first.Select(e => e.Id).ShouldBe([id]);
        second.ShouldBeEmpty("the other replica finds it already announced");
        later.ShouldBeEmpty();
        var lines = bot.Store.Outbox.Skip(before).ToList();
        lines.Select(o => o.Destination).Order().ShouldBe(["slack:C-AUDIT", "slack:C-SEC"]);
        lines.ShouldAllBe(o => o.Plain() == $"break-glass {id} for console:carol (admin on prod-eks/billing) expired");
    }

    [Fact]
    public async Task ARevokedElevation_IsNotAnnouncedAsExpired_AndAnUnscopedOneSaysEverywhere()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        (await bot.RunAsync("carol", "elevate operator --for 30m --reason drill")).Outcome.ShouldBe(Outcome.Succeeded);
        var kept = (await bot.RunAsync("carol", "elevate viewer --for 1h --reason look")).Reference!;
        (await bot.RunAsync("carol", "elevate revoke operator")).Outcome.ShouldBe(Outcome.Succeeded);
        var before = bot.Store.Outbox.Count;
        bot.Clock.Advance(TimeSpan.FromHours(2));

        var announced = await bot.Services.GetRequiredService<ElevationExpiryAnnouncer>().RunOnceAsync(Ct);

        announced.Select(e => e.Id).ShouldBe([kept]);
        bot.Store.Outbox.Skip(before).Select(o => o.Plain()).Distinct().ShouldBe([$"break-glass {kept} for console:carol (viewer everywhere) expired"]);
    }

    private static ElevationExpiryAnnouncer SecondReplica(TestBot bot) => new(
        bot.Store,
        bot.Services.GetRequiredService<Bot.Features.Audit.AuditLines>(),
        bot.Services.GetRequiredService<IOptionsMonitor<Bot.Features.Audit.AuditOptions>>(),
        new OutboxSignal(),
        bot.Clock,
        NullLogger<ElevationExpiryAnnouncer>.Instance);
}
