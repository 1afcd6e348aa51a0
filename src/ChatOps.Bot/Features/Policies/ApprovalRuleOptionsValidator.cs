namespace ChatOps.Bot.Features.Policies;

/// <summary>An approval rule nobody could satisfy, or one that names a command that is never held, is refused at start.</summary>
internal sealed class ApprovalRuleOptionsValidator(CommandRegistry registry, IConfiguration configuration) : IValidateOptions<PolicyOptions>
{
    private static readonly string[] SubjectKinds = ["console:", "slack:", "slack-group:", "teams:", TeamsGroups.Prefix];

    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        var e = new OptionsErrors();
        e.EachElementBinds<ApprovalRuleOptions>(configuration, $"{PolicyOptions.SectionName}:Approvals");
        var approvable = registry.Commands.Where(c => c.MayNeedApproval).Select(c => c.Name).ToList();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Approvals.Count; i++)
        {
            var rule = options.Approvals[i];
            var key = $"{PolicyOptions.SectionName}:Approvals:{i}";
            e.Check(rule.Name.Trim().Length > 0, $"{key}:Name", "give the rule a name");
            e.Check(rule.Name.Trim().Length == 0 || names.Add(rule.Name), $"{key}:Name", $"'{rule.Name}' is used by another rule");
            e.Check(!rule.Name.Contains(':', StringComparison.Ordinal), $"{key}:Name", $"'{rule.Name}' may not contain ':'");
            e.Check(rule.Approvals is >= 1 and <= 5, $"{key}:Approvals", $"{rule.Approvals} must be between 1 and 5");
            e.Check(rule.Role is null or > Role.None, $"{key}:Role", "an approver role must be viewer, operator or admin");
            foreach (var command in rule.Commands)
            {
                e.Check(approvable.Contains(command, StringComparer.OrdinalIgnoreCase), $"{key}:Commands",
                    $"'{command}' is not a command that can be held for approval ({string.Join(", ", approvable)})");
            }

            foreach (var subject in rule.From)
            {
                e.Check(SubjectKinds.Any(k => subject.StartsWith(k, StringComparison.Ordinal) && subject.Length > k.Length && !subject.Contains(' ', StringComparison.Ordinal)),
                    $"{key}:From", $"'{subject}' is not a subject ({string.Join(", ", SubjectKinds.Select(k => k + "…"))})");
                e.Check(TeamsGroups.WellFormedIfOne(subject), $"{key}:From", $"'{subject}' must be {TeamsGroups.Form}");
            }
        }

        var depth = options.Limits.MaxPurgeDepthWithoutExtraApprover;
        e.Check(depth is null or >= 0, $"{PolicyOptions.SectionName}:Limits:MaxPurgeDepthWithoutExtraApprover", $"{depth} must be 0 or more");
        return e.Result;
    }
}
