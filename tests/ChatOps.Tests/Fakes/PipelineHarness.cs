using ChatOps.Bot.Core;
using ChatOps.Bot.Pipeline;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Fakes;

/// <summary>
/// Runs test-only operations through the production behaviours, composed in <see cref="Order"/>; the source
/// generator cannot see types declared in a test assembly. Everything else goes to the real mediator.
/// A test checks that <see cref="Order"/> is the order the generated mediator uses.
/// </summary>
public sealed class PipelineHarness(IServiceProvider services, IOperationRunner mediator, TestScaleHandler handler) : IOperationRunner
{
    public static readonly Type[] Order =
    [
        typeof(ExceptionMappingBehavior<,>),
        typeof(AuditBehavior<,>),
        typeof(ValidationBehavior<,>),
        typeof(AuthorizationBehavior<,>),
        typeof(PolicyBehavior<,>),
        typeof(ApprovalBehavior<,>),
    ];

    public ValueTask<OperationResult> RunAsync(IOperation operation, CancellationToken cancellationToken) => operation is TestScaleCommand scale
        ? Compose<TestScaleCommand>((m, _) => handler.Handle(m))(scale, cancellationToken)
        : mediator.RunAsync(operation, cancellationToken);

    private MessageHandlerDelegate<T, OperationResult> Compose<T>(MessageHandlerDelegate<T, OperationResult> last)
        where T : IOperation
    {
        var next = last;
        foreach (var open in Order.Reverse())
        {
            Type closed;
            try
            {
                closed = open.MakeGenericType(typeof(T), typeof(OperationResult));
            }
            catch (ArgumentException)
            {
                continue; // T does not meet the behaviour's constraint, exactly as the generator would skip it.
            }

            var behaviour = (IPipelineBehavior<T, OperationResult>)ActivatorUtilities.CreateInstance(services, closed);
            var inner = next;
            next = (m, ct) => behaviour.Handle(m, inner, ct);
        }

        return next;
    }
}
