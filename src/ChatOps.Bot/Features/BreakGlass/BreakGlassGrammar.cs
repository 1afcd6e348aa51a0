namespace ChatOps.Bot.Features.BreakGlass;

/// <summary><c>elevate</c>, <c>elevate revoke</c> and <c>elevate list</c>: break-glass roles, time-bound and loud.</summary>
public sealed class BreakGlassGrammar : IGrammar
{
    public void Register(CommandRegistry registry) => registry
        .Add(Elevate())
        .Add(Revoke())
        .Add(List());

    private static CommandSpec Elevate() => new(["elevate"],
        "Break glass: take a role for a while, with a reason; announced, audited, and every command it authorizes is marked break-glass.",
        a => new ElevateCommand(a.Context, a.Command, Enum.Parse<Role>(a.RequiredText("role"), ignoreCase: true), a.Duration("for") ?? TimeSpan.Zero,
            a.Text("reason") ?? string.Empty, a.Text("scope"))
        {
            Approval = a.Approval,
        })
    {
        Positionals = [ArgSpec.Positional("role", ArgKind.Choice, "the role to take") with { Choices = ["viewer", "operator", "admin"] }],
        Flags =
        [
            ArgSpec.Flag("for", ArgKind.Duration, "how long, at most ChatOps:Policies:Elevation:MaxDuration", "duration") with { Required = true },
            ArgSpec.Flag("reason", ArgKind.Text, "why; quote it when it has spaces", "text") with { Required = true },
            ArgSpec.Flag("scope", ArgKind.Text, "only this target, or one namespace of it (`prod-eks/shop`); unset: everywhere", "target[/namespace]"),
        ],
        RoleNote = "whoever ChatOps:Policies:Elevation allows (Requesters, MinimumRole); approved by someone else already holding the role there unless SelfGrant",
        Mutating = true,
        Examples = ["elevate admin --for 1h --reason \"db failover\" --scope prod-eks/billing --incident INC-2026-0007", "elevate operator --for 30m --reason \"restart stuck consumer\""],
    };

    private static CommandSpec Revoke() => new(["elevate", "revoke"], "End your break-glass elevations now: all of them, one by id, or those of one role.",
        a => new RevokeElevationCommand(a.Context, a.Command, a.Text("which")))
    {
        Positionals = [ArgSpec.Positional("which", ArgKind.Text, "an elevation id (`e-…`) or a role; unset: all of yours", required: false)],
        RoleNote = "your own elevations; an admin (everywhere) may revoke anyone's by id",
        Mutating = true,
        Examples = ["elevate revoke", "elevate revoke e-k3x9m2p7qa", "elevate revoke admin"],
    };

    private static CommandSpec List() => new(["elevate", "list"], "Your live break-glass elevations: role, scope, expiry, reason; with --all, everyone's (admins).",
        a => new ListElevationsQuery(a.Context, a.Command, a.Switch("all")))
    {
        Flags = [ArgSpec.Flag("all", ArgKind.Switch, "every live elevation, whoever holds it (admins everywhere only)")],
        RoleNote = "anyone, for their own; --all: an admin (everywhere, by a role binding)",
        Examples = ["elevate list", "elevate list --all"],
    };
}
