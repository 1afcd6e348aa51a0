namespace ChatOps.Bot.Features.Approvals;

internal sealed class ApprovalOptionsValidator(CommandRegistry registry) : IValidateOptions<ApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalOptions options)
    {
        var e = new OptionsErrors();
        var approvable = registry.Commands.Where(c => c.MayNeedApproval).Select(c => c.Name).ToList();
        for (var i = 0; i < options.Commands.Count; i++)
        {
            e.Check(
                approvable.Contains(options.Commands[i], StringComparer.OrdinalIgnoreCase),
                $"{ApprovalOptions.SectionName}:Commands:{i}",
                $"'{options.Commands[i]}' is not a command that can be held for approval ({string.Join(", ", approvable)})");
        }

        e.Check(
            options.ExpiresAfter >= TimeSpan.FromMinutes(1) && options.ExpiresAfter <= TimeSpan.FromDays(1),
            $"{ApprovalOptions.SectionName}:ExpiresAfter",
            $"{options.ExpiresAfter} must be between 00:01:00 and 1.00:00:00");
        e.Check(
            options.RequiredApprovers is >= 1 and <= 5,
            $"{ApprovalOptions.SectionName}:RequiredApprovers",
            $"{options.RequiredApprovers} must be between 1 and 5");
        return e.Result;
    }
}
