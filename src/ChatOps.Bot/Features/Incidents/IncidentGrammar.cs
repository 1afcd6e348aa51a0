namespace ChatOps.Bot.Features.Incidents;

/// <summary>
/// The incident lifecycle (issue 6): declare, update, severity, commander, resolve, list, show, postmortem. Each
/// command's spec is built by its own method; the order in <see cref="Register"/> is the order <c>help</c> lists them in.
/// </summary>
public sealed class IncidentGrammar : IGrammar
{
    private const string OwnerNote = "the incident's commander, or an admin";

    private const string AnyoneNote = "anyone who may use the bot (viewer)";

    private static ArgSpec Id => ArgSpec.Positional("id", ArgKind.Text, "the incident (INC-2026-0001); omit it inside the incident's channel", required: false);

    public void Register(CommandRegistry registry) => registry
        .Add(Declare())
        .Add(Update())
        .Add(Severity())
        .Add(Commander())
        .Add(Resolve())
        .Add(List())
        .Add(Show())
        .Add(Postmortem());

    private static CommandSpec Declare() => ByAnyone(new CommandSpec(["incident", "declare"],
        "Declare an incident: stores it, opens its channel, posts the notification, starts the timeline and its SLA timer.",
        a => new DeclareIncidentCommand(a.Context, a.Command, a.RequiredText("severity"), a.Text("title") ?? string.Empty,
            a.Text("commander"), a.Text("lead"), Services(a.Text("services"))))
    {
        Positionals =
        [
            ArgSpec.Positional("severity", ArgKind.Text, "P1 (critical) to P4 (minor); sets when the next update is due"),
            ArgSpec.Positional("title", ArgKind.Rest, "what is broken, as customers see it (the impact)"),
        ],
        Flags =
        [
            ArgSpec.Flag("commander", ArgKind.Text, "the incident commander (default: you)", "@user"),
            ArgSpec.Flag("lead", ArgKind.Text, "the technical lead", "@user"),
            ArgSpec.Flag("services", ArgKind.Text, "affected services, comma-separated", "a,b"),
        ],
        Examples = ["incident declare P2 checkout errors for EU customers --services checkout,payments", "incident declare P1 site down --lead @bob"],
    });

    private static CommandSpec Update() => ByAnyone(new CommandSpec(["incident", "update"], "Add a status update to the timeline (restarts the next-update clock).",
        a =>
        {
            var (id, text) = IdThenRest(a.Text("id"), a.Text("text"));
            return new UpdateIncidentCommand(a.Context, a.Command, id, text, Status(a.Text("status")));
        })
    {
        Positionals = [Id, ArgSpec.Positional("text", ArgKind.Rest, "what changed", required: false)],
        Flags = [ArgSpec.Flag("status", ArgKind.Choice, "the new status") with { Choices = ["investigating", "identified", "monitoring"] }],
        Examples = ["incident update rolled back 1.42 --status monitoring", "incident update INC-2026-0007 root cause found --status identified"],
    });

    private static CommandSpec Severity() => ByOwner(new CommandSpec(["incident", "severity"], "Change an incident's severity (P1-P4); its commander or an admin.",
        a =>
        {
            var (id, severity) = IdThenValue(a.Text("id"), a.Text("severity"));
            return new ChangeSeverityCommand(a.Context, a.Command, id, severity ?? string.Empty);
        })
    {
        Positionals = [Id, ArgSpec.Positional("severity", ArgKind.Text, "P1 to P4", required: false)],
        Examples = ["incident severity P1", "incident severity INC-2026-0007 P3"],
    });

    private static CommandSpec Commander() => ByOwner(new CommandSpec(["incident", "commander"], "Hand the incident over to a new commander; its commander or an admin.",
        a =>
        {
            var (id, commander) = IdThenValue(a.Text("id"), a.Text("user"));
            return new ChangeCommanderCommand(a.Context, a.Command, id, commander);
        })
    {
        Positionals = [Id, ArgSpec.Positional("user", ArgKind.Text, "the new commander (@name)", required: false) with { ValueName = "@user" }],
        Examples = ["incident commander @bob", "incident commander INC-2026-0007 @bob"],
    });

    private static CommandSpec Resolve() => ByOwner(new CommandSpec(["incident", "resolve"], "Resolve an incident, with an optional summary; its commander or an admin.",
        a =>
        {
            var (id, summary) = IdThenRest(a.Text("id"), a.Text("summary"));
            return new ResolveIncidentCommand(a.Context, a.Command, id, summary.Length == 0 ? null : summary);
        })
    {
        Positionals = [Id, ArgSpec.Positional("summary", ArgKind.Rest, "what fixed it", required: false)],
        Examples = ["incident resolve rolled back the release", "incident resolve INC-2026-0007"],
    });

    private static CommandSpec List() => new(["incident", "list"], "List incidents, newest first.",
        a => new ListIncidentsQuery(a.Context, a.Command, a.Switch("open")))
    {
        Flags = [ArgSpec.Flag("open", ArgKind.Switch, "only incidents not resolved yet")],
        Role = Role.Viewer,
        Examples = ["incident list --open"],
    };

    private static CommandSpec Show() => new(["incident", "show"], "Show an incident's fields and its timeline.",
        a => new ShowIncidentQuery(a.Context, a.Command, a.Text("id")))
    {
        Positionals = [Id],
        Role = Role.Viewer,
        Examples = ["incident show", "incident show INC-2026-0007"],
    };

    private static CommandSpec Postmortem() => new(["incident", "postmortem"],
        "Draft a Markdown postmortem: summary, severity history, impact window, timeline, operations, follow-ups.",
        a => new IncidentPostmortemQuery(a.Context, a.Command, a.Text("id")))
    {
        Positionals = [Id],
        Role = Role.Viewer,
        Examples = ["incident postmortem", "incident postmortem INC-2026-0007"],
    };

    /// <summary>Declaring and updating are open to every user: whoever sees the outage first should be able to report it.</summary>
    private static CommandSpec ByAnyone(CommandSpec spec) => spec with { Role = Role.Viewer, RoleNote = AnyoneNote, Mutating = true };

    /// <summary>Steering an incident belongs to its commander, or an admin.</summary>
    private static CommandSpec ByOwner(CommandSpec spec) => spec with { RoleNote = OwnerNote, Mutating = true };

    /// <summary><c>[id] &lt;value&gt;</c>: with one word given, it is the value and the id comes from the channel.</summary>
    private static (string? Id, string? Value) IdThenValue(string? first, string? second) =>
        second is null ? (null, first) : (first, second);

    /// <summary><c>[id] text...</c>: the first word is the id only when it looks like one; otherwise it starts the text.</summary>
    private static (string? Id, string Text) IdThenRest(string? first, string? rest)
    {
        if (first is not null && IncidentIds.TryNormalize(first, out _))
        {
            return (first, rest ?? string.Empty);
        }

        return (null, string.Join(' ', new[] { first, rest }.Where(w => w is not null)));
    }

    private static IReadOnlyList<string> Services(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList() ?? [];

    private static IncidentStatus? Status(string? status) => status is null ? null : Enum.Parse<IncidentStatus>(status, ignoreCase: true);
}
