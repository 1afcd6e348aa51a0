using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Tests.Fakes;

namespace ChatOps.Tests.Features.Kubernetes;

/// <summary>The runbooks' <c>kubectl patch hpa … -p '{json}'</c> line works verbatim and means the same as <c>hpa</c>.</summary>
public sealed class HpaPatchTests
{
    [Fact]
    public async Task KubectlPatchForm_DoesWhatHpaDoes()
    {
        await using var bot = TestBot.Create();

        var patched = await bot.RunAsync("alice", """patch hpa web -n default --cluster staging -p '{"spec":{"minReplicas":5,"maxReplicas":20}}'""");
        var plain = await bot.RunAsync("alice", "hpa web --min 5 --max 20 --cluster staging");

        patched.Outcome.ShouldBe(Outcome.Succeeded, patched.Text);
        plain.Outcome.ShouldBe(Outcome.Succeeded);
        bot.Kube.Calls.Distinct().ShouldHaveSingleItem().ShouldBe("hpa staging/default/web 5 20");
    }

    [Theory]
    [InlineData("""patch hpa web --cluster staging -p '{"spec":{"minReplicas":5'""", "the patch is not valid JSON")]
    [InlineData("""patch hpa web --cluster staging -p '{"spec":{"targetCPUUtilizationPercentage":50}}'""", "only spec.minReplicas and spec.maxReplicas can be patched from chat, not spec.targetCPUUtilizationPercentage")]
    [InlineData("""patch hpa web --cluster staging -p '{"spec":{"minReplicas":"five"}}'""", "spec.minReplicas must be a whole number from 0 to 10000")]
    [InlineData("""patch hpa web --cluster staging -p '{"metadata":{}}'""", "the patch must be {\"spec\":{...}} with minReplicas and/or maxReplicas")]
    [InlineData("patch hpa web --cluster staging", "give the patch with -p")]
    public async Task BadPatch_IsRefused_Audited_AndNothingIsCalled(string text, string error)
    {
        await using var bot = TestBot.Create();

        var result = await bot.RunAsync("alice", text);

        result.Outcome.ShouldBe(Outcome.Invalid);
        result.Text.ShouldStartWith(error);
        result.Text.ShouldContain("usage: patch hpa <name>");
        bot.Kube.Calls.ShouldBeEmpty();
        bot.Store.Entries[^1].Record.Decision.ShouldBe(AuditDecision.Invalid);
    }
}
