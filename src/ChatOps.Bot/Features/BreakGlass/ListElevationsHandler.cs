using ChatOps.Bot.Features.Authorization;
using Mediator;

namespace ChatOps.Bot.Features.BreakGlass;

public sealed class ListElevationsHandler(IElevationStore elevations, TimeProvider clock) : IRequestHandler<ListElevationsQuery, OperationResult>
{
    public async ValueTask<OperationResult> Handle(ListElevationsQuery request, CancellationToken cancellationToken)
    {
        var live = await elevations.ActiveElevationsAsync(request.Context.Subject, clock.GetUtcNow(), cancellationToken);
        return OperationResult.Success(live.Count == 0
            ? "You hold no break-glass elevation."
            : "Your break-glass elevations:\n" + string.Join("\n", live.Select(e => $"  {ElevationText.Line(e)}")));
    }
}
