using ChatOps.Bot.Features.BreakGlass;

namespace ChatOps.Bot.Features.Help;

public sealed record WhoAmIQuery(ChatContext Context, CommandLine Command) : IOperation;

public sealed class WhoAmIHandler(RolePolicy policy, IElevationStore elevations, TimeProvider clock) : IRequestHandler<WhoAmIQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(WhoAmIQuery request, CancellationToken cancellationToken)
    {
        var ctx = request.Context;
        var grants = await policy.GrantsAsync(ctx, cancellationToken);
        var (elevated, unknown) = await ElevationsAsync(ctx, cancellationToken);
        var sb = new StringBuilder($"You are {ctx.UserName} ({ctx.Subject}).");
        if (grants.Count == 0)
        {
            sb.Append("\nYou hold no role: you may use `help` and `whoami`. Ask an admin to add a role binding for ")
              .Append(ctx.Subject).Append('.');
        }
        else
        {
            sb.Append("\nRoles:");
            foreach (var g in grants.OrderByDescending(g => g.Role).ThenBy(g => g.Scope, StringComparer.Ordinal))
            {
                sb.Append("\n  ").Append(RolePolicy.Describe(g.Role)).Append(' ').Append(g.Where);
                if (!string.Equals(g.Subject, ctx.Subject, StringComparison.Ordinal))
                {
                    sb.Append(" (through ").Append(g.Subject).Append(')');
                }
            }
        }

        if (unknown)
        {
            sb.Append("\nBreak-glass elevations: unknown (the store is unavailable; none counts until it is back).");
        }

        if (elevated.Count > 0)
        {
            sb.Append("\nBreak-glass elevations (commands they authorize are marked break-glass):");
            foreach (var e in elevated)
            {
                sb.Append("\n  ").Append(ElevationText.Line(e));
            }
        }

        return OperationResult.Success(sb.ToString()) with
        {
            Fields = [new("User", ctx.UserName), new("Identity", ctx.Subject)],
        };
    }

    /// <summary>whoami answers while the store is down (its record is held), so an unreadable store is said, not thrown.</summary>
    private async ValueTask<(IReadOnlyList<Elevation> Live, bool Unknown)> ElevationsAsync(ChatContext ctx, CancellationToken cancellationToken)
    {
        try
        {
            return (await elevations.ActiveElevationsAsync(ctx.Subject, clock.GetUtcNow(), cancellationToken), false);
        }
        catch (AuditStoreUnavailableException)
        {
            return ([], true);
        }
    }
}
