using ChatOps.Bot.Features.Policies;

namespace ChatOps.Bot.Chat.Teams;

/// <summary>
/// A <c>teams-group:</c> subject nobody could ever be found in is a configuration error, not a silent deny: without
/// Graph credentials the host refuses to start (or a reload is refused), naming the key that uses the group.
/// </summary>
internal sealed class TeamsGroupsNeedGraph(IOptionsMonitor<TeamsOptions> teams) : IValidateOptions<RolesOptions>, IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, RolesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Check(options.Bindings.Select((b, i) => ($"{RolesOptions.SectionName}:Bindings:{i}:Subject", b.Subject)));
    }

    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Check(options.Approvals.SelectMany((r, i) => r.From.Select(s => ($"{PolicyOptions.SectionName}:Approvals:{i}:From", s)))
            .Concat(options.Elevation.Requesters.Select(s => ($"{PolicyOptions.SectionName}:Elevation:Requesters", s))));
    }

    private ValidateOptionsResult Check(IEnumerable<(string Key, string Subject)> subjects)
    {
        if (GraphCredentials.From(teams.CurrentValue) is not null)
        {
            return ValidateOptionsResult.Success;
        }

        var e = new OptionsErrors();
        foreach (var (key, subject) in subjects.Where(s => s.Subject.StartsWith(TeamsGroups.Prefix, StringComparison.Ordinal)))
        {
            e.Check(false, key, $"'{subject}' needs Microsoft Graph to read Entra groups: set ChatOps:Teams:Graph:TenantId, ClientId and ClientSecret (or the bot's TenantId, AppId and AppPassword)");
        }

        return e.Result;
    }
}
