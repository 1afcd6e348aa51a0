namespace ChatOps.Bot.Features.BreakGlass;

/// <summary>
/// Ends elevations before they expire: all of the caller's, one by id, or those of one role. An admin (everywhere)
/// may end anyone's by id, so security can pull a grant without waiting for its holder.
/// </summary>
public sealed class RevokeElevationHandler(IElevationStore elevations, RolePolicy roles, TimeProvider clock)
    : IRequestHandler<RevokeElevationCommand, OperationResult>
{
    public async ValueTask<OperationResult> Handle(RevokeElevationCommand request, CancellationToken cancellationToken)
    {
        var subject = request.Context.Subject;
        var now = clock.GetUtcNow();
        IReadOnlyList<Elevation> revoked;
        if (request.Which is null)
        {
            revoked = await elevations.RevokeElevationsAsync(subject, subject, now, cancellationToken);
        }
        else if (request.Which.StartsWith("e-", StringComparison.Ordinal))
        {
            var mayRevokeAny = await roles.RoleForAsync(request.Context, TargetScope.Global, cancellationToken) >= Role.Admin;
            if (!mayRevokeAny && !(await elevations.ActiveElevationsAsync(subject, now, cancellationToken)).Any(e => e.Id == request.Which))
            {
                return OperationResult.Denied($"you hold no live elevation {request.Which} (`elevate list` shows yours); nothing was revoked");
            }

            revoked = await elevations.RevokeElevationAsync(request.Which, subject, now, cancellationToken) is { } one ? [one] : [];
        }
        else if (Enum.TryParse<Role>(request.Which, ignoreCase: true, out var role) && role > Role.None && !int.TryParse(request.Which, out _))
        {
            var matching = (await elevations.ActiveElevationsAsync(subject, now, cancellationToken)).Where(e => e.Role == role);
            var ended = new List<Elevation>();
            foreach (var e in matching)
            {
                if (await elevations.RevokeElevationAsync(e.Id, subject, now, cancellationToken) is { } one)
                {
                    ended.Add(one);
                }
            }

            revoked = ended;
        }
        else
        {
            return OperationResult.Invalid($"give an elevation id (e-…) or a role (viewer, operator, admin), not '{request.Which}'; nothing was revoked");
        }

        if (revoked.Count == 0)
        {
            return OperationResult.Denied("no live elevation matched (expired, already revoked, or never granted); nothing was revoked");
        }

        var lines = string.Join("\n", revoked.Select(e => $"  {ElevationText.Line(e)}{(e.Subject == subject ? string.Empty : $" held by {e.Subject}")}"));
        return OperationResult.Success($"break-glass revoked by {request.Context.UserName} ({subject}):\n{lines}") with { Visibility = Visibility.InChannel };
    }
}
