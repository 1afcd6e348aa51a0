namespace ChatOps.Bot.Features.Help;

/// <summary>The commands about the bot itself: help and whoami.</summary>
public sealed class HelpGrammar : IGrammar
{
    public void Register(CommandRegistry registry) => registry
        .Add(Help())
        .Add(WhoAmI());

    private static CommandSpec Help() => new(["help"], "List the commands, or show one command's flags, role and examples.",
        a => new HelpQuery(a.Context, a.Command, a.Text("command")))
    {
        Positionals = [ArgSpec.Positional("command", ArgKind.Rest, "the command to explain", required: false)],
        Examples = ["help", "help audit"],
    };

    private static CommandSpec WhoAmI() => new(["whoami"], "Show your identity and the roles you hold, per environment.",
        a => new WhoAmIQuery(a.Context, a.Command))
    {
        Examples = ["whoami"],
    };
}
