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

    /// <summary>Asked on every command (through <see cref="RoleForAsync"/>), so it is a loop, not a LINQ chain.</summary>
    public async ValueTask<IReadOnlyList<Grant>> GrantsAsync(ChatContext context, CancellationToken cancellationToken)
    {
        var groupsOf = await groups.GroupsOfAsync(context, cancellationToken);
        var subject = context.Subject;
        List<Grant>? grants = null;
        foreach (var binding in options.CurrentValue.Bindings)
        {
            if (binding.Role > Role.None && (string.Equals(binding.Subject, subject, StringComparison.Ordinal) || groupsOf.Contains(binding.Subject)))
            {
                (grants ??= []).Add(new Grant(binding.Role, binding.Subject, NullIfEmpty(binding.Scope), NullIfEmpty(binding.Namespace)));
            }
        }

        return grants is null ? [] : grants;
    }

    public async ValueTask<Role> RoleForAsync(ChatContext context, TargetScope scope, CancellationToken cancellationToken)
    {
        var grants = await GrantsAsync(context, cancellationToken);
        var best = Role.None;
        for (var i = 0; i < grants.Count; i++)
        {
            if (grants[i].Role > best && Covers(grants[i], scope))
            {
                best = grants[i].Role;
            }
        }

        return best;
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

    public static string Describe(Role role) => role switch
    {
        Role.None => "none",
        Role.Viewer => "viewer",
        Role.Operator => "operator",
        Role.Admin => "admin",
        _ => role.ToString().ToLowerInvariant(),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
