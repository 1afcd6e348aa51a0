namespace ChatOps.Bot.Features.Silences;

/// <summary>Alertmanager silences (v2 API): mute matching alerts for a while, list, expire and extend them.</summary>
public sealed class SilenceGrammar(AlertmanagerTargetRule targets) : IGrammar
{
    private static ArgSpec AlertmanagerFlag =>
        ArgSpec.Flag("alertmanager", ArgKind.Name, "a configured Alertmanager (optional when one is the default)", "name");

    private static ArgSpec ForFlag(string what) => ArgSpec.Flag("for", ArgKind.Duration, what, "duration") with { Required = true };

    private static ArgSpec Id => ArgSpec.Positional("id", ArgKind.Text, "the silence's id (from `silence list`)");

    public void Register(CommandRegistry registry) => registry
        .Add(Create())
        .Add(List())
        .Add(Expire())
        .Add(Extend());

    private string? Target(CommandArgs a) => targets.ResolveDefault(a.Text("alertmanager"));

    private CommandSpec Create() => new(["silence"], "Silence matching alerts for a while; says how many firing alerts it matches. Alert cards offer it as Silence 1h and Silence until resolved-or-4h, run as whoever clicks.",
        a => new CreateSilenceCommand(a.Context, a.Command, Target(a), a.RequiredText("matchers"), a.Duration("for") ?? TimeSpan.Zero, a.Text("comment"))
        {
            Approval = a.Approval,
            UntilResolved = a.Switch("until-resolved"),
        })
    {
        Positionals = [ArgSpec.Positional("matchers", ArgKind.Rest, "an alert name, or matchers: name=value, name!=value, name=~regex, name!~regex")],
        Flags =
        [
            ForFlag("how long, e.g. 30m, 2h, 1d"),
            ArgSpec.Flag("comment", ArgKind.Text, "why; quote it when it has spaces (the request id is added)", "text"),
            ArgSpec.Flag("until-resolved", ArgKind.Switch, "expire it early, once none of the alerts it matches fires (the alert card's second silence button)"),
            AlertmanagerFlag,
        ],
        Role = Role.Operator,
        RoleNote = "operator (approval needed in production when no matcher is name=value, when it spans several namespaces or services, or lasts over the maximum)",
        Mutating = true,
        MayNeedApproval = true,
        Examples = ["silence HighErrorRate --for 2h", "silence alertname=HighErrorRate namespace=shop --for 4h --until-resolved", "silence alertname=DiskFull namespace=shop --for 30m --comment \"disk swap in progress\""],
    };

    private CommandSpec List() => new(["silence", "list"], "Active and pending silences, soonest end first; --all adds expired ones.",
        a => new ListSilencesQuery(a.Context, a.Command, Target(a), a.Switch("all")))
    {
        Flags = [ArgSpec.Flag("all", ArgKind.Switch, "include expired silences"), AlertmanagerFlag],
        Role = Role.Viewer,
        Examples = ["silence list", "silence list --all"],
    };

    private CommandSpec Expire() => new(["silence", "expire"], "End a silence now; its alerts notify again.",
        a => new ExpireSilenceCommand(a.Context, a.Command, Target(a), a.RequiredText("id")))
    {
        Positionals = [Id],
        Flags = [AlertmanagerFlag],
        Role = Role.Operator,
        Mutating = true,
        Examples = ["silence expire 8f6d2c1e-5b7a-4c1d-9e0f-2a3b4c5d6e7f"],
    };

    private CommandSpec Extend() => new(["silence", "extend"], "Move a silence's end later by a duration (from its current end, or from now if that has passed).",
        a => new ExtendSilenceCommand(a.Context, a.Command, Target(a), a.RequiredText("id"), a.Duration("for") ?? TimeSpan.Zero)
        {
            Approval = a.Approval,
        })
    {
        Positionals = [Id],
        Flags = [ForFlag("how much longer, e.g. 1h"), AlertmanagerFlag],
        Role = Role.Operator,
        RoleNote = "operator (approval needed in production when the silence would then last over the maximum)",
        Mutating = true,
        MayNeedApproval = true,
        Examples = ["silence extend 8f6d2c1e-5b7a-4c1d-9e0f-2a3b4c5d6e7f --for 1h"],
    };
}
