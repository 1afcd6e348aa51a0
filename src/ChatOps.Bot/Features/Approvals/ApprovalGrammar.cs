namespace ChatOps.Bot.Features.Approvals;

/// <summary><c>approve</c> and <c>deny</c>: a second person's answer to a pending dangerous request.</summary>
public sealed class ApprovalGrammar : IGrammar
{
    private static ArgSpec RequestId => ArgSpec.Positional("request-id", ArgKind.Text, "the id shown with the approval request");

    public void Register(CommandRegistry registry) => registry
        .Add(Approve())
        .Add(Deny());

    private static CommandSpec Approve() => new(["approve"], "Approve someone else's pending dangerous request; the last needed approval runs it once.",
        a => new ApproveCommand(a.Context, a.Command, a.RequiredText("request-id")))
    {
        Positionals = [RequestId],
        RoleNote = "the role the request needs, on its target; not the requester",
        Mutating = true,
        Examples = ["approve r-k3x9m2p7qa"],
    };

    private static CommandSpec Deny() => new(["deny"], "Deny a pending request (or withdraw your own).",
        a => new DenyCommand(a.Context, a.Command, a.RequiredText("request-id"), a.Text("reason")))
    {
        Positionals =
        [
            RequestId,
            ArgSpec.Positional("reason", ArgKind.Rest, "why, for the audit and the requester", required: false),
        ],
        RoleNote = "the role the request needs, on its target; or its requester",
        Mutating = true,

        // Approval cards carry Approve and Deny buttons, so the Teams menu shares one entry for both.
        Examples = ["deny r-k3x9m2p7qa not during the sale"],
    };
}
