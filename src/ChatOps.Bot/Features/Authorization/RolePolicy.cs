namespace ChatOps.Bot.Features.Authorization;

/// <summary>A role a user holds through one binding, and where it applies.</summary>
public sealed record Grant(Role Role, string Subject, string? Scope, string? Namespace)
{
    public string Where => Scope is null ? "everywhere" : Namespace is null ? $"on {Scope}" : $"on {Scope}/{Namespace}";
}

/// <summary>
/// Deny by default: a user's role for a scope is the highest role of the bindings that match their identity (or
/// one of their groups) and cover that scope. A binding without Scope covers everything; a scoped binding covers
/// only its target (and namespace, when set), so it never grants global commands.
/// </summary>
public sealed class RolePolicy(IOptionsMonitor<RolesOptions> options, IGroupDirectory groups)
{
    /// <summary>The subjects a binding (or an approval rule's approver list) may name for this user: theirs and their groups'.</summary>
    public async ValueTask<IReadOnlySet<string>> SubjectsAsync(ChatContext context, CancellationToken cancellationToken)
    {
        var subjects = new HashSet<string>(StringComparer.Ordinal) { context.Subject };
        subjects.UnionWith(await groups.GroupsOfAsync(context, cancellationToken));
        return subjects;
    }

    public async ValueTask<IReadOnlyList<Grant>> GrantsAsync(ChatContext context, CancellationToken cancellationToken)
    {
        var subjects = await SubjectsAsync(context, cancellationToken);
        return options.CurrentValue.Bindings
            .Where(b => subjects.Contains(b.Subject) && b.Role > Role.None)
            .Select(b => new Grant(b.Role, b.Subject, NullIfEmpty(b.Scope), NullIfEmpty(b.Namespace)))
            .ToList();
    }

    public async ValueTask<Role> RoleForAsync(ChatContext context, TargetScope scope, CancellationToken cancellationToken)
    {
        var grants = await GrantsAsync(context, cancellationToken);
        return grants.Where(g => Covers(g, scope)).Select(g => g.Role).DefaultIfEmpty(Role.None).Max();
    }

    public static bool Covers(Grant grant, TargetScope scope)
    {
        if (grant.Scope is null)
        {
            return true;
        }

        if (!string.Equals(grant.Scope, scope.Target, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return grant.Namespace is null || string.Equals(grant.Namespace, scope.Namespace, StringComparison.Ordinal);
    }

    public static string Describe(Role role) => role.ToString().ToLowerInvariant();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
