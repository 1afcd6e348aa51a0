using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Authorization;
using ChatOps.Bot.Features.Policies;
using ChatOps.Bot.Parsing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Features.BreakGlass;

/// <summary><c>policy test</c> counts a live elevation the way authorization does, and says so in the path.</summary>
public sealed class PolicyTestElevationTests
{
    private const string Test = "policy test scale web 2 --cluster staging";

    [Fact]
    public async Task ALiveElevation_AllowsInThePath_NamingItAndItsEnd_UntilItExpires()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        var id = (await bot.RunAsync("carol", "elevate operator --for 1h --reason drill")).Reference!;

        var elevated = await bot.RunAsync("carol", Test);
        bot.Clock.Advance(TimeSpan.FromHours(1));
        var expired = await bot.RunAsync("carol", Test);

        elevated.Text.ShouldContain(
            $"roles: needs operator on staging/default; holds viewer everywhere (binding console:carol); role operator from break-glass {id}, until 13:00 UTC → allowed (break-glass)");
        elevated.Text.ShouldEndWith("verdict: allowed");
        expired.Text.ShouldContain("roles: needs operator on staging/default; holds viewer everywhere (binding console:carol) → denied");
        expired.Text.ShouldEndWith("verdict: denied (role)");
        bot.Scale.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task AnElevationOffTheScope_OrBelowTheRole_DoesNotCount_AndAnAdminSeesAnotherUsersElevation()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        (await bot.RunAsync("carol", "elevate operator --for 1h --reason drill --scope prod-eks/shop")).Outcome.ShouldBe(Outcome.Succeeded);
        var id = (await bot.RunAsync("carol", "elevate viewer --for 1h --reason look")).Reference!;

        (await bot.RunAsync("carol", Test)).Text.ShouldEndWith("verdict: denied (role)");
        var forCarol = await bot.RunAsync("alice", "policy test --user console:carol scale web 2 --cluster prod-eks -n shop");

        forCarol.Text.ShouldContain("role operator from break-glass e-");
        forCarol.Text.ShouldNotContain(id);
        forCarol.Text.ShouldContain("→ allowed (break-glass)");
    }

    [Fact]
    public async Task AStoreThatCannotAnswer_CountsNoElevation_AndThePathSaysSo()
    {
        await using var bot = ElevationTestBots.Create(selfGrant: true);
        var s = bot.Services;
        var explainer = new PolicyExplainer(
            s.GetRequiredService<CommandParser>(), s.GetRequiredService<RolePolicy>(), s.GetRequiredService<PolicyEvaluator>(),
            s.GetRequiredService<ITargetCatalog>(), new UnreadableElevations(), s.GetRequiredService<IOptionsMonitor<ApprovalOptions>>(), bot.Clock);

        var explanation = await explainer.ExplainAsync("scale web 2 --cluster staging", bot.Context("carol"), CancellationToken.None);

        explanation.Lines.ShouldContain(
            "roles: needs operator on staging/default; holds viewer everywhere (binding console:carol); elevations could not be read (store unavailable), so none counts → denied");
        explanation.Verdict.ShouldBe(PolicyVerdicts.Denied);
    }

    private sealed class UnreadableElevations : IActiveElevations
    {
        public Task<IReadOnlyList<Elevation>> ActiveElevationsAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken) =>
            throw new AuditStoreUnavailableException("connection refused (test)");
    }
}
