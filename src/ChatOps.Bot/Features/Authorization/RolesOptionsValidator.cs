namespace ChatOps.Bot.Features.Authorization;

internal sealed class RolesOptionsValidator(IOptions<TargetOptions> targets, IConfiguration configuration, IEnumerable<IProductionTargets>? others = null)
    : IValidateOptions<RolesOptions>
{
    private static readonly string[] Prefixes = ["console:", "slack:", "slack-group:", "teams:", TeamsGroups.Prefix, "alertmanager:"];

    public ValidateOptionsResult Validate(string? name, RolesOptions options)
    {
        var e = new OptionsErrors();
        e.EachElementBinds<RoleBinding>(configuration, $"{RolesOptions.SectionName}:Bindings");
        var known = targets.Value.Clusters.Keys.Concat(targets.Value.Databases.Keys).Concat(targets.Value.Brokers.Keys)
            .Concat((others ?? []).SelectMany(o => o.Names))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Bindings.Count; i++)
        {
            var b = options.Bindings[i];
            var key = $"{RolesOptions.SectionName}:Bindings:{i}";
            var prefix = Prefixes.FirstOrDefault(p => b.Subject.StartsWith(p, StringComparison.Ordinal));
            e.Check(
                prefix is not null && b.Subject.Length > prefix.Length && !b.Subject.Any(char.IsWhiteSpace),
                $"{key}:Subject",
                $"'{b.Subject}' must be console:<name>, slack:<user id>, slack-group:<group id>, teams:<aad object id>, teams-group:<Entra group id> or alertmanager:alertmanager");
            e.Check(TeamsGroups.WellFormedIfOne(b.Subject), $"{key}:Subject", $"'{b.Subject}' must be {TeamsGroups.Form}");
            e.Check(b.Role is > Role.None and <= Role.Admin, $"{key}:Role", "must be viewer, operator or admin");
            e.Check(
                string.IsNullOrEmpty(b.Scope) || known.Contains(b.Scope),
                $"{key}:Scope",
                $"'{b.Scope}' is not a configured cluster, database or broker ({(known.Count == 0 ? "none configured" : string.Join(", ", known))})");
            e.Check(string.IsNullOrEmpty(b.Namespace) || !string.IsNullOrEmpty(b.Scope), $"{key}:Namespace", "needs a Scope");
        }

        return e.Result;
    }
}
