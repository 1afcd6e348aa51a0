using ChatOps.Bot.Operations;
using ChatOps.Bot.Operations.Approvals;
using ChatOps.Bot.Operations.Audit;
using ChatOps.Bot.Pipeline;
using ChatOps.Tests.Fakes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Pipeline;

public sealed class PipelineOrderTests
{
    [Fact]
    public async Task GeneratedMediator_UsesTheDocumentedOrder_AndTheHarnessMatchesIt()
    {
        await using var bot = TestBot.Create();
        await using var scope = bot.Services.CreateAsyncScope();

        Order<VerifyAuditQuery>(scope.ServiceProvider).ShouldBe(PipelineHarness.Order[..4]);
        Order<ApproveCommand>(scope.ServiceProvider).ShouldBe(
            [typeof(ExceptionMappingBehavior<,>), typeof(AuditBehavior<,>), typeof(ValidationBehavior<,>)]);
    }

    private static Type[] Order<T>(IServiceProvider services)
        where T : IOperation =>
        services.GetServices<IPipelineBehavior<T, OperationResult>>().Select(b => b.GetType().GetGenericTypeDefinition()).ToArray();
}
