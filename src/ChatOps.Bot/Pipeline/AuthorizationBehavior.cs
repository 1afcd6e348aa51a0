using ChatOps.Bot.Features.Authorization;
using Mediator;

namespace ChatOps.Bot.Pipeline;

/// <summary>Deny by default: the user's role on the request's scope must reach the role the request asks for.</summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(RolePolicy policy) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IRequiresRole
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var role = await policy.RoleForAsync(message.Context, message.Scope, cancellationToken);
        if (role >= message.RequiredRole)
        {
            return await next(message, cancellationToken);
        }

        var where = message.Scope.IsGlobal ? "(everywhere)" : $"on {message.Scope}";
        var have = role == Role.None ? "no role" : RolePolicy.Describe(role);
        return PipelineResults.As<TResponse>(OperationResult.Denied(
            $"denied: `{message.Command.Name}` needs {RolePolicy.Describe(message.RequiredRole)} {where}; {message.Context.Subject} has {have} there"));
    }
}
