using ChatOps.Bot.Core;
using ChatOps.Bot.Features.Approvals;
using ChatOps.Bot.Features.Audit;
using ChatOps.Bot.Parsing;

namespace ChatOps.Bot.Features.Help;

/// <summary>The commands of the bot itself: help, identity, audit and approvals.</summary>
public sealed class CoreCommands : ICommandModule
{
    public void Register(CommandRegistry registry)
    {
        registry.Add(new CommandSpec(["help"], "List the commands, or show one command's flags, role and examples.",
            a => new HelpQuery(a.Context, a.Command, a.Text("command")))
        {
            Positionals = [ArgSpec.Positional("command", ArgKind.Rest, "the command to explain", required: false)],
            Examples = ["help", "help audit"],
        });

        registry.Add(new CommandSpec(["whoami"], "Show your identity and the roles you hold, per environment.",
            a => new WhoAmIQuery(a.Context, a.Command))
        {
            Examples = ["whoami"],
        });

        registry.Add(new CommandSpec(["audit"], "Show recent audit records, newest first.",
            a => new ShowAuditQuery(a.Context, a.Command, a.Int32("last") ?? 10, a.Text("user"), a.Duration("since")))
        {
            Flags =
            [
                ArgSpec.Flag("last", ArgKind.Integer, "how many records (1-200, default 10)", "n") with { Min = 1, Max = 200 },
                ArgSpec.Flag("user", ArgKind.Text, "only this user's records (user id)", "u"),
                ArgSpec.Flag("since", ArgKind.Duration, "only records newer than this (90s, 5m, 1h, 2d)", "dur"),
            ],
            Role = Role.Viewer,
            Examples = ["audit --last 5", "audit --user U024BE7LH --since 1h"],
        });

        registry.Add(new CommandSpec(["audit", "verify"], "Check the audit hash chain and name every broken record.",
            a => new VerifyAuditQuery(a.Context, a.Command, a.Text("against")))
        {
            Flags =
            [
                ArgSpec.Flag("against", ArgKind.Text, "a head posted earlier: that record must still exist with that hash", "seq:hash"),
            ],
            Role = Role.Admin,
            Examples = ["audit verify", "audit verify --against 1234:9f2c41d07b3e"],
        });

        registry.Add(new CommandSpec(["approve"], "Approve someone else's pending dangerous request; the last needed approval runs it once.",
            a => new ApproveCommand(a.Context, a.Command, a.RequiredText("request-id")))
        {
            Positionals = [ArgSpec.Positional("request-id", ArgKind.Text, "the id shown with the approval request")],
            RoleNote = "the role the request needs, on its target; not the requester",
            Mutating = true,
            Examples = ["approve r-k3x9m2p7qa"],
        });

        registry.Add(new CommandSpec(["deny"], "Deny a pending request (or withdraw your own).",
            a => new DenyCommand(a.Context, a.Command, a.RequiredText("request-id"), a.Text("reason")))
        {
            Positionals =
            [
                ArgSpec.Positional("request-id", ArgKind.Text, "the id shown with the approval request"),
                ArgSpec.Positional("reason", ArgKind.Rest, "why, for the audit and the requester", required: false),
            ],
            RoleNote = "the role the request needs, on its target; or its requester",
            Mutating = true,

            // Approval cards carry Approve and Deny buttons, so the Teams menu shares one entry for both.
            Examples = ["deny r-k3x9m2p7qa not during the sale"],
        });
    }
}
