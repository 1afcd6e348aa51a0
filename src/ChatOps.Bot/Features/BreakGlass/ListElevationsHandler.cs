namespace ChatOps.Bot.Features.BreakGlass;

/// <summary>
/// The caller's live elevations; with <c>--all</c>, everyone's, for an admin (everywhere, by a role binding, as for
/// revoking anyone's) who must see who holds what before pulling it.
/// </summary>
public sealed class ListElevationsHandler(IElevationStore elevations, RolePolicy roles, TimeProvider clock) : IRequestHandler<ListElevationsQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(ListElevationsQuery request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!request.All)
        {
            var live = await elevations.ActiveElevationsAsync(request.Context.Subject, now, cancellationToken);
            return OperationResult.Success(live.Count == 0
                ? "You hold no break-glass elevation."
                : "Your break-glass elevations:\n" + string.Join("\n", live.Select(e => $"  {ElevationText.Line(e)}")));
        }

        var role = await roles.RoleForAsync(request.Context, TargetScope.Global, cancellationToken);
        if (role < Role.Admin)
        {
            return OperationResult.Denied(
                $"denied: `elevate list --all` needs admin (everywhere); {request.Context.Subject} has {(role == Role.None ? "no role" : RolePolicy.Describe(role))} there (`elevate list` shows yours)");
        }

        var all = await elevations.AllActiveElevationsAsync(now, cancellationToken);
        return OperationResult.Success(all.Count == 0
            ? "Nobody holds a break-glass elevation."
            : $"Live break-glass elevations ({all.Count}):\n" + string.Join("\n", all.Select(e => $"  {ElevationText.Line(e)} held by {e.Subject}")));
    }
}
