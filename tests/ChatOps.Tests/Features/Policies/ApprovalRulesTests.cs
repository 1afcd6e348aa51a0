using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Policies;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Features.Policies;

/// <summary>The approval part of the engine, pure: which rule applies, what it binds, how many approvers.</summary>
public sealed class ApprovalRulesTests
{
    private static readonly PolicyRequest Kill = new("db kill", "db kill 42 --db=orders", new TargetScope("orders"), Mutating: true, Production: true) { MayBeHeld = true };

    private static ApprovalRuleOptions Dba(int approvals = 2) => new()
    {
        Name = "dba",
        Commands = ["db kill"],
        Targets = ["orders"],
        Approvals = approvals,
        From = ["slack-group:S-DBA"],
    };

    private static PolicyDecision Decide(PolicyRequest request, params ApprovalRuleOptions[] rules) =>
        PolicyEngine.Evaluate(request, new PolicyOptions { Approvals = [.. rules] }, DateTimeOffset.UnixEpoch);

    [Fact]
    public void TheFirstCoveringRuleApplies_WithItsCountAndApprovers()
    {
        var broad = new ApprovalRuleOptions { Name = "everything", Approvals = 1 };

        var decision = Decide(Kill, Dba(), broad);

        decision.Verdict.ShouldBe(PolicyVerdict.RequireApproval);
        decision.Demand().ShouldBe(new ApprovalDemand(2, new ApproverSet("dba", null, ["slack-group:S-DBA"])));
        decision.RequiredApprovers(otherwiseHeld: true, globalCount: 1).ShouldBe(2);
        Decide(Kill with { Scope = new TargetScope("billing") }, Dba(), broad).Demand()!.Approvers.Rule.ShouldBe("everything");
    }

    [Fact]
    public void ACommandThatIsNeverHeld_IsNotCovered()
    {
        Decide(Kill with { MayBeHeld = false }, Dba()).Rules.ShouldBeEmpty();
    }

    [Fact]
    public void TheBindingChanges_WhenTheCountOrTheApproversChange()
    {
        var binding = Decide(Kill, Dba()).Binding;

        Decide(Kill, Dba(3)).Binding.ShouldNotBe(binding);
        var other = Dba();
        other.From = ["slack-group:S-SRE"];
        Decide(Kill, other).Binding.ShouldNotBe(binding);
        Decide(Kill, Dba()).Binding.ShouldBe(binding);
    }

    [Theory]
    [InlineData(1000L, false, 0)]
    [InlineData(1001L, false, 1)]
    [InlineData(1001L, true, 2)]
    [InlineData(-1L, false, 1)]
    public void PurgeDepth_AddsOneApprover_AboveTheLimit_OrWhenUnknown(long depth, bool otherwiseHeld, int approvers)
    {
        var purge = new PolicyRequest("queue purge", "queue purge orders --broker=rabbit", new TargetScope("rabbit"), true, false) { MayBeHeld = true, QueueDepth = depth };
        var options = new PolicyOptions { Limits = new BlastRadiusOptions { MaxPurgeDepthWithoutExtraApprover = 1000 } };

        var decision = PolicyEngine.Evaluate(purge, options, DateTimeOffset.UnixEpoch);

        decision.RequiredApprovers(otherwiseHeld, globalCount: 1).ShouldBe(approvers);
        if (approvers > 0)
        {
            decision.Rules.ShouldHaveSingleItem().Text.ShouldEndWith("(ChatOps:Policies:Limits:MaxPurgeDepthWithoutExtraApprover): one more approver");
        }
    }

    [Fact]
    public void ApproverSet_AdmitsBySubjectOrGroup_AndByRole()
    {
        var set = new ApproverSet("dba", Role.Operator, ["slack-group:S-DBA", "console:erin"]);

        set.Admits(new HashSet<string> { "slack:U1", "slack-group:S-DBA" }, Role.Operator).ShouldBeTrue();
        set.Admits(new HashSet<string> { "console:erin" }, Role.Admin).ShouldBeTrue();
        set.Admits(new HashSet<string> { "console:erin" }, Role.Viewer).ShouldBeFalse();
        set.Admits(new HashSet<string> { "slack:U1", "slack-group:S-SRE" }, Role.Admin).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Approvals", "0", "ChatOps:Policies:Approvals:0:Approvals: 0 must be between 1 and 5")]
    [InlineData("Commands:0", "status", "ChatOps:Policies:Approvals:0:Commands: 'status' is not a command that can be held for approval")]
    [InlineData("From:0", "bob", "ChatOps:Policies:Approvals:0:From: 'bob' is not a subject (console:…, slack:…, slack-group:…, teams:…, teams-group:…)")]
    [InlineData("Name", "", "ChatOps:Policies:Approvals:0:Name: give the rule a name")]
    public async Task ABadRule_FailsAtStart_NamingTheKey(string key, string value, string message)
    {
        await using var bot = TestBot.Create(s =>
        {
            s["ChatOps:Policies:Approvals:0:Name"] = "dba";
            s[$"ChatOps:Policies:Approvals:0:{key}"] = value;
        });

        var failures = Should.Throw<OptionsValidationException>(() => bot.Services.GetRequiredService<IOptions<PolicyOptions>>().Value).Failures;

        failures.ShouldContain(f => f.StartsWith(message, StringComparison.Ordinal), string.Join("\n", failures));
    }
}
