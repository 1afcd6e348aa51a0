namespace ChatOps.Bot.Features.Authorization;

public sealed class RolesOptions
{
    public const string SectionName = "ChatOps:Roles";

    [Description("who may do what: each binding grants a role to a subject, everywhere or on one target and namespace")]
    public List<RoleBinding> Bindings { get; set; } = [];
}

/// <summary>
/// Grants <see cref="Role"/> to <see cref="Subject"/> (<c>console:alice</c>, <c>slack:U123</c>,
/// <c>slack-group:S123</c>, <c>teams:&lt;aad object id&gt;</c>, <c>teams-group:&lt;Entra group id&gt;</c>), everywhere or only on one target and namespace.
/// </summary>
public sealed class RoleBinding
{
    [Description("`console:<name>`, `slack:<user id>`, `slack-group:<group id>`, `teams:<aad object id>`, `teams-group:<Entra group object id>` (needs ChatOps:Teams:Graph) or `alertmanager:alertmanager` (automatic declarations)")]
    public string Subject { get; set; } = string.Empty;

    [Description("`viewer`, `operator` or `admin`; a higher role includes everything a lower one may do")]
    public Role Role { get; set; }

    [Description("a configured cluster, database or broker name; unset: everywhere")]
    public string? Scope { get; set; }

    [Description("a namespace within `Scope`; unset: all of them")]
    public string? Namespace { get; set; }
}
