using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Pipeline;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.Features.BreakGlass;

/// <summary>Through the real parser, pipeline and handlers: a self-granted elevation, what it allows, and when it ends.</summary>
public sealed class SelfGrantedElevationTests
{
    private const string Scale = "test-scale web 2 --cluster staging";

    [Fact]
    public async Task SelfGranted_CountsForAuthorization_MarksRunsBreakGlass_AndExpiresExactlyAtItsEnd()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        (await bot.RunAsync("carol", Scale)).Outcome.ShouldBe(Outcome.Denied, "a viewer may not scale");

        var granted = await bot.RunAsync("carol", "elevate operator --for 1h --reason \"db failover\"");

        granted.Outcome.ShouldBe(Outcome.Succeeded, granted.Text);
        var id = granted.Reference!;
        granted.Text.ShouldContain($"{id}: operator everywhere until 13:00 UTC, reason: db failover (self-granted)");
        var scaled = await bot.RunAsync("carol", Scale);
        scaled.Outcome.ShouldBe(Outcome.Succeeded);
        var record = bot.Store.Entries[^1].Record;
        record.BreakGlass.ShouldBe(id);
        bot.Store.Outbox[^1].Plain().ShouldContain($"· break-glass {id} ·");
        AuditChain.Verify(bot.Store.Entries, bot.Store.ChainKeys).IsIntact.ShouldBeTrue();

        bot.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromMicroseconds(1));
        (await bot.RunAsync("carol", Scale)).Outcome.ShouldBe(Outcome.Succeeded, "one microsecond before its end it still counts");
        bot.Clock.Advance(TimeSpan.FromMicroseconds(1));
        var late = await bot.RunAsync("carol", Scale);
        late.Outcome.ShouldBe(Outcome.Denied, "at its end it no longer counts");
        late.Text.ShouldBe("denied: `test-scale` needs operator on staging/default; console:carol has viewer there");
        bot.Scale.Calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ACommandTheBindingsAllow_IsNotBreakGlass()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        (await bot.RunAsync("carol", "elevate operator --for 1h --reason drill")).Outcome.ShouldBe(Outcome.Succeeded);

        (await bot.RunAsync("alice", Scale)).Outcome.ShouldBe(Outcome.Succeeded);

        bot.Store.Entries[^1].Record.BreakGlass.ShouldBeNull();
        bot.Store.Outbox[^1].Plain().ShouldNotContain("break-glass");
    }

    [Fact]
    public async Task AScopedElevation_CountsOnlyOnItsTargetAndNamespace()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        (await bot.RunAsync("carol", "elevate operator --for 30m --reason \"stuck consumer\" --scope prod-eks/shop")).Outcome.ShouldBe(Outcome.Succeeded);

        (await bot.RunAsync("carol", "test-scale web 2 --cluster prod-eks -n shop")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("carol", "test-scale web 2 --cluster prod-eks -n billing")).Outcome.ShouldBe(Outcome.Denied);
        (await bot.RunAsync("carol", "test-scale web 2 --cluster staging -n shop")).Outcome.ShouldBe(Outcome.Denied);
        bot.Scale.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task AnElevationToALowerRole_DoesNotReachAHigherOne()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        (await bot.RunAsync("carol", "elevate viewer --for 30m --reason look")).Outcome.ShouldBe(Outcome.Succeeded);

        (await bot.RunAsync("carol", Scale)).Outcome.ShouldBe(Outcome.Denied);
    }

    [Theory]
    [InlineData("dave", "elevate admin --for 1h --reason x", "refused: console:dave may not ask for elevation (ChatOps:Policies:Elevation:Requesters, MinimumRole); nothing was granted")]
    [InlineData("carol", "elevate admin --for 3h --reason x", "refused: 3h is above the maximum of 2h (ChatOps:Policies:Elevation:MaxDuration); nothing was granted")]
    public async Task Refusals_AreOneLine_GrantNothing_AndAreAudited(string user, string text, string refusal)
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);

        var result = await bot.RunAsync(user, text);

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe(refusal);
        (await bot.Store.ActiveElevationsAsync($"console:{user}", bot.Clock.GetUtcNow(), CancellationToken.None)).ShouldBeEmpty();
        bot.Store.Entries[^1].Record.Decision.ShouldBe(AuditDecision.Denied);
    }

    [Theory]
    [InlineData("elevate admin --for 1h --reason x --scope prod-eks/shop/extra", "--scope must be a target or target/namespace such as prod-eks/shop, not 'prod-eks/shop/extra'; nothing was granted")]
    [InlineData("elevate admin --for 1h --reason \" \"", "--reason must say why (it is announced and audited); nothing was granted")]
    public async Task BadInput_IsOneClearLine_AndGrantsNothing(string text, string answer)
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);

        var result = await bot.RunAsync("carol", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldBe(answer);
        (await bot.Store.ActiveElevationsAsync("console:carol", bot.Clock.GetUtcNow(), CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task GrantAndRevoke_AreAnnounced_InTheAuditAndSecurityChannels_OtherCommandsOnlyInTheAuditChannel()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true, s => s["ChatOps:Audit:SecurityChannel"] = "slack:C-SEC");

        (await bot.RunAsync("carol", "elevate operator --for 1h --reason drill")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("carol", Scale)).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("carol", "elevate revoke")).Outcome.ShouldBe(Outcome.Succeeded);

        var security = bot.Store.Outbox.Where(o => o.Destination == "slack:C-SEC").Select(o => o.Plain()).ToList();
        security.Count.ShouldBe(2);
        security[0].ShouldContain("[ok] carol (console:carol) `elevate operator --for=1h --reason=drill`");
        security[1].ShouldContain("`elevate revoke`");
        bot.Store.Outbox.Count(o => o.Destination == "slack:C-AUDIT").ShouldBe(3);
    }

    [Fact]
    public async Task ABreakGlassMarkerRemovedFromTheStoredRecord_BreaksTheChain()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        (await bot.RunAsync("carol", "elevate operator --for 1h --reason drill")).Outcome.ShouldBe(Outcome.Succeeded);
        (await bot.RunAsync("carol", Scale)).Outcome.ShouldBe(Outcome.Succeeded);
        var entries = bot.Store.Entries.ToList();
        var last = entries[^1];
        last.Record.BreakGlass.ShouldNotBeNull();

        entries[^1] = last with { Record = last.Record with { BreakGlass = null } };

        var verification = AuditChain.Verify(entries, bot.Store.ChainKeys);
        verification.IsIntact.ShouldBeFalse();
        verification.BrokenSequence.ShouldBe(last.Sequence);
    }

    [Fact]
    public async Task WhenTheStoreCannotBeRead_NoElevationCounts_AndTheDenialIsTheUsualOne()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);

        var failing = new FailingElevations();
        var behaviour = new AuthorizationBehavior<TestScaleCommand, OperationResult>(
            bot.Services.GetRequiredService<RolePolicy>(), failing, new BreakGlassMarks(), bot.Clock, NullLogger<AuthorizationBehavior<TestScaleCommand, OperationResult>>.Instance);
        var command = new TestScaleCommand(bot.Context("carol"), new CommandLine("test-scale", Scale, Scale), "web", 2, "staging", "default");

        var result = await behaviour.Handle(command, (_, _) => ValueTask.FromResult(OperationResult.Success("ran")), CancellationToken.None);

        result.Outcome.ShouldBe(Outcome.Denied);
        result.Text.ShouldBe("denied: `test-scale` needs operator on staging/default; console:carol has viewer there");
        failing.Reads.ShouldBe(1);
    }

    /// <summary>An elevation store that is down: every read fails as the real stores fail.</summary>
    private sealed class FailingElevations : IElevationStore
    {
        public int Reads { get; private set; }

        public Task GrantElevationAsync(Elevation elevation, CancellationToken cancellationToken) => throw Down();

        public Task<IReadOnlyList<Elevation>> ActiveElevationsAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Reads++;
            throw Down();
        }

        public Task<IReadOnlyList<Elevation>> AllActiveElevationsAsync(DateTimeOffset now, CancellationToken cancellationToken) => throw Down();

        public Task<IReadOnlyList<Elevation>> RevokeElevationsAsync(string subject, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
            throw Down();

        public Task<Elevation?> RevokeElevationAsync(string id, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken) => throw Down();

        private static AuditStoreUnavailableException Down() => new("connection refused (test)");
    }
}
