namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// One N-of-M approval rule: the commands and scope it covers, how many approvals they need and from whom. The first
/// rule (in configuration order) that covers a request is the one that applies, so a narrow rule goes before a broad one.
/// </summary>
public sealed class ApprovalRuleOptions
{
    [Description("the rule's name, shown to approvers and in every refusal (unique)")]
    public string Name { get; set; } = string.Empty;

    [Description("commands it covers, e.g. `[\"db kill\", \"queue purge\"]`; only commands that can be held for approval; empty: all of them")]
    public List<string> Commands { get; set; } = [];

    [Description("cluster, database or broker names it covers; empty: every target")]
    public List<string> Targets { get; set; } = [];

    [Description("namespaces it covers; empty: every namespace (and targets without one)")]
    public List<string> Namespaces { get; set; } = [];

    [Description("approvals needed besides the requester (1–5); replaces ChatOps:Approvals:RequiredApprovers for what it covers")]
    public int Approvals { get; set; } = 1;

    [Description("approvers must hold this role on the target (besides the role the command needs); unset: the command's role")]
    public Role? Role { get; set; }

    [Description("approvers must be one of these subjects, matched as role bindings are: `slack:<user id>`, `slack-group:<group id>`, `teams:<aad object id>`, `teams-group:<Entra group object id>`, `console:<name>`; empty: anyone with the role")]
    public List<string> From { get; set; } = [];
}
