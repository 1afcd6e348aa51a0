namespace ChatOps.Bot.Features.BreakGlass;

/// <summary>
/// <c>elevate &lt;role&gt; --for 1h --reason "…" [--scope target/ns]</c>: a time-bound role, self-granted or approved as
/// the elevation policy says. <see cref="Scope"/> is the raw flag value; the handler reads it (one clear line if bad).
/// </summary>
public sealed record ElevateCommand(ChatContext Context, CommandLine Command, Role Role, TimeSpan Duration, string Reason, string? Scope)
    : ISecurityAnnounced
{
    /// <summary>Set only when the request is rebuilt from an approval that reached its quorum.</summary>
    public ApprovalGrant? Approval { get; init; }
}

/// <summary><c>elevate revoke [id|role]</c>: ends the caller's live elevations (all, one by id, or those of one role).</summary>
public sealed record RevokeElevationCommand(ChatContext Context, CommandLine Command, string? Which) : ISecurityAnnounced;

/// <summary><c>elevate list [--all]</c>: the caller's live elevations, or with <see cref="All"/> everyone's (admins only).</summary>
public sealed record ListElevationsQuery(ChatContext Context, CommandLine Command, bool All) : IOperation;
