namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// <c>policy test</c>: who may test for whom, then the decision path from <see cref="PolicyExplainer"/>.
/// </summary>
public sealed class PolicyTestHandler(RolePolicy roles, PolicyExplainer explainer) : IRequestHandler<PolicyTestQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(PolicyTestQuery request, CancellationToken cancellationToken)
    {
        // Deny by default: without any binding only help and whoami answer, and the policy is not theirs to read.
        if ((await roles.GrantsAsync(request.Context, cancellationToken)).Count == 0)
        {
            return OperationResult.Denied($"denied: `policy test` needs a role binding; {request.Context.Subject} has none");
        }

        var subject = Subject(request.Context, request.User);
        if (subject.Subject != request.Context.Subject
            && await roles.RoleForAsync(request.Context, TargetScope.Global, cancellationToken) < Role.Admin)
        {
            return OperationResult.Denied($"denied: only an admin (everywhere) may test for another user; {request.Context.Subject} may test for itself");
        }

        var text = request.Command.Incident is { } incident ? $"{request.Text} --incident {incident}" : request.Text;
        var explanation = await explainer.ExplainAsync(text, subject, cancellationToken);
        if (explanation.Error is { } error)
        {
            return OperationResult.Invalid(error);
        }

        return OperationResult.Success(string.Join('\n', explanation.Lines)) with
        {
            Fields = [new("Identity", subject.Subject), new("Verdict", explanation.Verdict!)],
        };
    }

    /// <summary>The user named by <c>--user</c>: <c>platform:id</c>, or an id on the asker's own platform.</summary>
    public static ChatContext Subject(ChatContext asker, string? user)
    {
        if (user is null)
        {
            return asker;
        }

        var parts = user.Split(':', 2);
        return parts.Length == 2
            ? asker with { Platform = parts[0], UserId = parts[1], UserName = user }
            : asker with { UserId = user, UserName = user };
    }
}
