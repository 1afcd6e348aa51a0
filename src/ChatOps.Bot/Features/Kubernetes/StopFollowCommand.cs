namespace ChatOps.Bot.Features.Kubernetes;

/// <summary>
/// <c>logs stop &lt;id&gt;</c>: the Stop button on a running <c>logs --follow</c> answer. A viewer's command, since the
/// requester (a viewer) may stop their own follow; anyone else needs operator on the follow's scope (the handler).
/// </summary>
public sealed record StopFollowCommand(ChatContext Context, CommandLine Command, string Cluster, string Namespace, string Id) : IKubernetesRequest
{
    public string Name => Id;

    public Role RequiredRole => Role.Viewer;

    public TargetScope Scope => new(Cluster, Namespace);
}

public sealed class StopFollowCommandValidator(IOptionsMonitor<TargetOptions> targets) : KubernetesRequestValidator<StopFollowCommand>(targets);

/// <summary>
/// Ends a running follow of this replica early. The answer is for the clicker only (<see cref="OperationResult.LeavesCard"/>):
/// the card becomes the follow's own final answer, which says who stopped it.
/// </summary>
public sealed class StopFollowHandler(ILogFollows follows, RolePolicy roles) : IRequestHandler<StopFollowCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(StopFollowCommand request, CancellationToken cancellationToken)
    {
        var found = follows.Find(request.Id);
        if (found.Follow is not { } follow || follow.Scope != request.Scope)
        {
            return OperationResult.Failure(
                $"log follow {request.Id} is not running on this replica of the bot, so it could not be stopped here; it ends by itself at the cluster's LogFollow");
        }

        if (found.State == FollowState.Ended)
        {
            return Ended(follow);
        }

        if (!IsRequester(request.Context, follow.Requester) && await roles.RoleForAsync(request.Context, follow.Scope, cancellationToken) < Role.Operator)
        {
            return OperationResult.Denied(
                $"denied: only {follow.Requester.Subject}, who started this follow, or an operator on {follow.Scope} may stop it; {request.Context.Subject} may not");
        }

        if (!follows.TryStop(follow.Id, request.Context.Subject))
        {
            return Ended(follow);
        }

        return new OperationResult(Outcome.Succeeded, $"stopped following the log of {follow.Container} in pod {follow.Pod}")
        {
            Severity = Severity.Info,
            LeavesCard = true,
        };
    }

    private static bool IsRequester(ChatContext clicker, ChatContext requester) =>
        clicker.Platform == requester.Platform && clicker.UserId == requester.UserId;

    private static OperationResult Ended(FollowInfo follow) =>
        OperationResult.Invalid($"the follow of {follow.Container} in pod {follow.Pod} has already ended; there was nothing to stop");
}
