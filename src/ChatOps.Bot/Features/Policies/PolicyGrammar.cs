namespace ChatOps.Bot.Features.Policies;

/// <summary><c>policy test</c>: the decision path of a command, without running it.</summary>
public sealed class PolicyGrammar : IGrammar
{
    public void Register(CommandRegistry registry) => registry.Add(new CommandSpec(
        ["policy", "test"],
        "Explain, without running it, what would happen to a command: identity, matching role binding, policy rules, approvals, verdict.",
        a => new PolicyTestQuery(a.Context, a.Command, a.Text("user"), a.RequiredText("command")))
    {
        Positionals = [ArgSpec.Positional("command", ArgKind.Rest, "the command to test, as you would type it")],
        Flags = [ArgSpec.Flag("user", ArgKind.Text, "test for this user (admins only; e.g. console:bob or U123)", "u", 'u')],
        RoleNote = "any role binding to test for yourself; admin (everywhere) to test for another user",
        NestsCommand = true,
        Examples = ["policy test scale web 0 --cluster prod-eks", "policy test --user console:bob rollout undo web"],
    });
}
