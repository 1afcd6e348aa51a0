namespace ChatOps.Bot.Pipeline;

/// <summary>
/// Deny by default: the user's role on the request's scope must reach the role the request asks for. When the
/// configured bindings fall short, a live break-glass elevation covering the scope may make up the difference; the
/// request then runs marked with it. Elevations are read asynchronously from the shared store and judged against
/// the injected clock, so an elevation ends at the same instant on every replica.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(
    RolePolicy policy,
    IElevationStore elevations,
    BreakGlassMarks marks,
    TimeProvider clock,
    ILogger<AuthorizationBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IRequiresRole
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var role = await policy.RoleForAsync(message.Context, message.Scope, cancellationToken);
        if (role >= message.RequiredRole)
        {
            return await next(message, cancellationToken);
        }

        if (await ElevationCoveringAsync(message, cancellationToken) is { } elevation)
        {
            marks.Mark(message, elevation.Id);
            return await next(message, cancellationToken);
        }

        var where = message.Scope.IsGlobal ? "(everywhere)" : $"on {message.Scope}";
        var have = role == Role.None ? "no role" : RolePolicy.Describe(role);
        return PipelineResults.As<TResponse>(OperationResult.Denied(
            $"denied: `{message.Command.Name}` needs {RolePolicy.Describe(message.RequiredRole)} {where}; {message.Context.Subject} has {have} there"));
    }

    /// <summary>
    /// The first live elevation that gives the required role on the request's scope. A store that cannot answer
    /// grants nothing: the request is denied as if no elevation existed (fail closed), and the log says why.
    /// </summary>
    private async ValueTask<Elevation?> ElevationCoveringAsync(TMessage message, CancellationToken cancellationToken)
    {
        IReadOnlyList<Elevation> live;
        try
        {
            live = await elevations.ActiveElevationsAsync(message.Context.Subject, clock.GetUtcNow(), cancellationToken);
        }
        catch (AuditStoreUnavailableException ex)
        {
            logger.LogWarning("Could not read elevations of {Subject}; judging by role bindings only: {Reason}", message.Context.Subject, ex.Message);
            return null;
        }

        return Elevation.Covering(live, clock.GetUtcNow(), message.RequiredRole, message.Scope);
    }
}
