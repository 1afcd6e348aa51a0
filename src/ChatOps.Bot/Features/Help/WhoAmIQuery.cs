using ChatOps.Bot.Features.Authorization;
using Mediator;

namespace ChatOps.Bot.Features.Help;

public sealed record WhoAmIQuery(ChatContext Context, CommandLine Command) : IOperation;

public sealed class WhoAmIHandler(RolePolicy policy) : IRequestHandler<WhoAmIQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(WhoAmIQuery request, CancellationToken cancellationToken)
    {
        var ctx = request.Context;
        var grants = await policy.GrantsAsync(ctx, cancellationToken);
        var sb = new StringBuilder($"You are {ctx.UserName} ({ctx.Subject}).");
        if (grants.Count == 0)
        {
            sb.Append("\nYou hold no role: you may use `help` and `whoami`. Ask an admin to add a role binding for ")
              .Append(ctx.Subject).Append('.');
            return OperationResult.Success(sb.ToString());
        }

        sb.Append("\nRoles:");
        foreach (var g in grants.OrderByDescending(g => g.Role).ThenBy(g => g.Scope, StringComparer.Ordinal))
        {
            sb.Append("\n  ").Append(RolePolicy.Describe(g.Role)).Append(' ').Append(g.Where);
            if (!string.Equals(g.Subject, ctx.Subject, StringComparison.Ordinal))
            {
                sb.Append(" (through ").Append(g.Subject).Append(')');
            }
        }

        return OperationResult.Success(sb.ToString()) with
        {
            Fields = [new("User", ctx.UserName), new("Identity", ctx.Subject)],
        };
    }
}
