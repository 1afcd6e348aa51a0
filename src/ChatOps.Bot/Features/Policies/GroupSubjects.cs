namespace ChatOps.Bot.Features.Policies;

/// <summary>
/// The group subjects of one kind the configuration names anywhere a group can grant something: role bindings,
/// approval rules' approvers and break-glass requesters. A directory looks up only these, so a group named only in
/// an approval rule still admits its members. Asked on every command, so it allocates nothing when no group of the
/// kind is named (a LINQ chain here cost ≈ 330 B per command).
/// </summary>
public static class GroupSubjects
{
    public static IReadOnlyList<string> Named(RolesOptions roles, PolicyOptions policies, string prefix)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(policies);
        List<string>? named = null;
        foreach (var binding in roles.Bindings)
        {
            Add(ref named, binding.Subject, prefix);
        }

        foreach (var rule in policies.Approvals)
        {
            foreach (var subject in rule.From)
            {
                Add(ref named, subject, prefix);
            }
        }

        foreach (var subject in policies.Elevation.Requesters)
        {
            Add(ref named, subject, prefix);
        }

        return named is null ? [] : named;
    }

    private static void Add(ref List<string>? named, string subject, string prefix)
    {
        if (subject.Length > prefix.Length && subject.StartsWith(prefix, StringComparison.Ordinal)
            && (named is null || !named.Contains(subject)))
        {
            (named ??= []).Add(subject);
        }
    }
}
