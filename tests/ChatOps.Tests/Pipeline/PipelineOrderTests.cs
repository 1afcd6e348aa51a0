using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Features.Kubernetes;
using ChatOps.Bot.Features.Queues;
using ChatOps.Bot.Pipeline;
using ChatOps.Tests.Fakes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Pipeline;

public sealed class PipelineOrderTests
{
    /// <summary>The whole order, every entry, for a request every behaviour applies to (dangerous, needs a role).</summary>
    private static readonly Type[] Documented =
    [
        // Outermost, so an exception anywhere below (audit store, validator, policy, approval store, handler)
        // becomes one line with a reference instead of a stack trace reaching chat.
        typeof(ExceptionMappingBehavior<,>),

        // Before every refusal below, so invalid, denied and awaiting-approval are all audited, and a mutating
        // request is written ahead before anything can act on it.
        typeof(AuditBehavior<,>),

        // Before authorization and approval: a malformed request is refused as such and never becomes a pending
        // approval (approvers would be asked to sign something that can never run).
        typeof(ValidationBehavior<,>),

        // Before approval: a person without the role is denied outright. After it, anyone could create pending
        // approvals and make the approval preview read production (queue depths, sessions) on their behalf.
        typeof(AuthorizationBehavior<,>),

        // After authorization: only someone holding the role learns which freeze or limit applies. Before approval:
        // a frozen command never becomes a pending approval, and a rule that asks for approval (a freeze overridden
        // for an incident) is decided before the two-person rule asks, so the approval binds to it.
        typeof(PolicyBehavior<,>),

        // Innermost, right before the handler: only a well-formed request from someone holding the role gets
        // as far as the two-person rule, and a valid grant lets exactly that request through.
        typeof(ApprovalBehavior<,>),
    ];

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task GeneratedMediator_RunsEveryBehaviour_InTheDocumentedOrder()
    {
        await using var bot = TestBot.Create();
        await using var scope = bot.Services.CreateAsyncScope();

        Order<ScaleCommand>(scope.ServiceProvider).ShouldBe(Documented);
        Order<PurgeQueueCommand>(scope.ServiceProvider).ShouldBe(Documented);
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public async Task GeneratedMediator_SkipsOnlyTheBehavioursARequestDoesNotQualifyFor_KeepingTheRestInOrder()
    {
        await using var bot = TestBot.Create();
        await using var scope = bot.Services.CreateAsyncScope();

        // verify is a read: no policy and no approval step. approve needs no role of its own (its handler checks the
        // approver's role on the approved request's target): no authorization step, and no policy step either (the
        // approved request meets policy again when it runs).
        Order<VerifyAuditQuery>(scope.ServiceProvider).ShouldBe(Documented[..4]);
        Order<ApproveCommand>(scope.ServiceProvider).ShouldBe(Documented[..3]);
    }

    [Fact]
    [Trait("Category", "Adversarial")]
    public void TestHarness_ComposesTheSameOrder_SoTestOperationsProveWhatProductionDoes() =>
        PipelineHarness.Order.ShouldBe(Documented);

    private static Type[] Order<T>(IServiceProvider services)
        where T : IOperation =>
        services.GetServices<IPipelineBehavior<T, OperationResult>>().Select(b => b.GetType().GetGenericTypeDefinition()).ToArray();
}
