namespace ChatOps.Bot.Features.Authorization;

public sealed class RolesOptions
{
    public const string SectionName = "ChatOps:Roles";

    public List<RoleBinding> Bindings { get; set; } = [];
}

/// <summary>
/// Grants <see cref="Role"/> to <see cref="Subject"/> (<c>console:alice</c>, <c>slack:U123</c>,
/// <c>slack-group:S123</c>, <c>teams:&lt;aad object id&gt;</c>), everywhere or only on one target and namespace.
/// </summary>
public sealed class RoleBinding
{
    public string Subject { get; set; } = string.Empty;

    public Role Role { get; set; }

    public string? Scope { get; set; }

    public string? Namespace { get; set; }
}
