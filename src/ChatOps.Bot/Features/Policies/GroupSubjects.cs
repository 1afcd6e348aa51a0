namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// The group subjects of one kind the configuration names anywhere a group can grant something: role bindings,
/// approval rules' approvers and break-glass requesters. A directory looks up only these, so a group named only in
/// an approval rule still admits its members.
/// </summary>
public static class GroupSubjects
{
    public static IReadOnlyList<string> Named(RolesOptions roles, PolicyOptions policies, string prefix)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(policies);
        return roles.Bindings.Select(b => b.Subject)
            .Concat(policies.Approvals.SelectMany(r => r.From))
            .Concat(policies.Elevation.Requesters)
            .Where(s => s.StartsWith(prefix, StringComparison.Ordinal) && s.Length > prefix.Length)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
