using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Pipeline;
using ChatOps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Pipeline;

/// <summary>
/// Handlers let a port's expected failure through; the pipeline answers it with its own message and audits that
/// answer exactly as a failed result, never as an internal error.
/// </summary>
public sealed class PortFailureMappingTests
{
    [Fact]
    public async Task KubernetesFailure_OfAMutation_IsWrittenAheadThenAuditedAsFailed_WithItsMessage()
    {
        await using var bot = TestBot.Create();
        bot.Kube.Fail = new KubernetesFailure(KubernetesFailureKind.Forbidden, "the bot may not patch deployments in default on cluster staging");

        var result = await bot.RunAsync("alice", "rollout restart web --cluster staging");

        var records = bot.Store.Entries.Select(e => e.Record).ToList();
        records.Select(r => r.Outcome).ShouldBe([AuditOutcome.Started, AuditOutcome.Failed]);
        (records[1].Decision, records[1].Error).ShouldBe((AuditDecision.Allowed, "the bot may not patch deployments in default on cluster staging"));
        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("the bot may not patch deployments in default on cluster staging");
    }

    [Fact]
    public async Task PortFailure_WhenItsOutcomeCannotBeAudited_TheAnswerSaysTheOutcomeIsHeld()
    {
        await using var bot = TestBot.Create();
        bot.Scale.OnCall = () => bot.Store.Available = false;
        bot.Scale.Throw = new PortFailure("cluster staging is unreachable");

        var result = await bot.RunAsync("alice", "test-scale web 3");

        bot.Store.Available = true;
        await bot.Services.GetRequiredService<PendingAuditRecords>().FlushAsync(CancellationToken.None);
        var records = bot.Store.Entries.Select(e => e.Record).ToList();
        records.Select(r => r.Outcome).ShouldBe([AuditOutcome.Started, AuditOutcome.Failed]);
        records[1].Error.ShouldBe("cluster staging is unreachable");
        result.Outcome.ShouldBe(Outcome.Failed);
        result.Text.ShouldBe("cluster staging is unreachable" + AuditBehavior<IOperation, OperationResult>.OutcomeHeld);
    }
}
